import Logging
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server's log on standard error, in the lines of swift-log's `StreamLogHandler`
/// (`2026-11-29T06:03:23+0000 info registro: [RegistroServer] GET /api/cases/{id} 200 3.1ms
/// user=sw-alfa`), at less cost per request: Hummingbird sets metadata on every request's
/// logger, which `StreamLogHandler` formats again at each setting even when nothing is logged,
/// and it asks the time zone (a `stat` of `/etc/localtime`) and formats the time for each line.
/// Here metadata is formatted only for a line that is written, the time stamp once a second,
/// and a line is one `write` of its bytes.
public struct ServerLogHandler: LogHandler {
    /// The logger's label, written after the level.
    let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler writing `label`'s lines to standard error, with the process's metadata provider.
    public init(label: String) {
        self.label = label
        metadataProvider = LoggingSystem.metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: [UInt8] = []
        line.reserveCapacity(160)
        line.append(contentsOf: Self.clock.timestamp())
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: event.level.rawValue.utf8)
        if !label.isEmpty { line.append(UInt8(ascii: " ")) }
        line.append(contentsOf: label.utf8)
        line.append(UInt8(ascii: ":"))
        if let shown = shownMetadata(explicit: event.metadata, error: event.error) {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: shown.utf8)
        }
        line.append(contentsOf: " [".utf8)
        line.append(contentsOf: event.source.utf8)
        line.append(contentsOf: "] ".utf8)
        line.append(contentsOf: event.message.description.utf8)
        line.append(UInt8(ascii: "\n"))
        Self.writeToStandardError(line)
    }

    /// The metadata of a line as `StreamLogHandler` shows it (the handler's, the provider's, the
    /// line's, then the error's, later keys winning; `key=value` sorted by key), or `nil` when
    /// there is none.
    private func shownMetadata(explicit: Logger.Metadata?, error: (any Error)?) -> String? {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit, !explicit.isEmpty {
            merged.merge(explicit) { _, explicit in explicit }
        }
        if let error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        guard !merged.isEmpty else { return nil }
        return merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// Writes `line` whole, going on after a partial write or an interruption.
    private static func writeToStandardError(_ line: [UInt8]) {
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// The time stamp of the lines, made once a second.
    private static let clock = LogClock()
}

/// The local time as `StreamLogHandler` writes it (`%Y-%m-%dT%H:%M:%S%z`), remembered for the
/// second it names.
private final class LogClock: Sendable {
    private let last = NIOLockedValueBox<(second: Int, text: [UInt8])>((-1, []))

    /// The time stamp of now.
    func timestamp() -> [UInt8] {
        var now = time(nil)
        let second = Int(now)
        if let remembered = last.withLockedValue({ $0.second == second ? $0.text : nil }) { return remembered }
        var local = tm()
        // `localtime_r` reads the time zone once per process; `localtime` checks it each time.
        guard localtime_r(&now, &local) != nil else { return Array("<unknown>".utf8) }
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        let text = buffer[..<count].map { UInt8(bitPattern: $0) }
        last.withLockedValue { $0 = (second, text) }
        return text
    }
}
