import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How text output and web pages show a moment: in the registry's display time zone (the
/// process's `TZ`, by default the system's; Italian networks run `Europe/Rome`), written
/// `DD/MM/YYYY HH:MM`. The registry records moments in UTC (ISO 8601, `2026-11-22T09:30:00.123Z`),
/// and JSON and CSV keep them so; only what people read is moved to the display zone.
public struct DisplayTime: Sendable {
    /// The display time zone.
    public let zone: TimeZone

    /// The display time of this process: the zone `TZ` names, or the system's, read once.
    public static let current = DisplayTime(zone: .current)

    /// Times shown in `zone`.
    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// The zone's name as people read it beside the times, e.g. `Europe/Rome` or `UTC`.
    public var zoneName: String {
        ["GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) ? "UTC" : zone.identifier
    }

    /// The moment written `DD/MM/YYYY HH:MM` in the display zone.
    public func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return Self.written(seconds + zone.secondsFromGMT(for: date))
    }

    /// The moment `iso` (ISO 8601 in UTC: `AAAA-MM-GGThh:mm`, with seconds, fractions and a final
    /// `Z` or not) written `DD/MM/YYYY HH:MM` in the display zone; `iso` itself when it is not
    /// such a moment.
    public func text(iso: String) -> String {
        guard let date = Self.moment(iso) else { return iso }
        return text(date)
    }

    /// The day of the moment `iso` (as `text(iso:)` reads it) in the display zone, written
    /// `DD/MM/YYYY`: the day people there lived it, which near midnight is not the UTC one;
    /// `iso` itself when it is not such a moment.
    public func day(iso: String) -> String {
        guard let date = Self.moment(iso) else { return iso }
        return String(text(date).prefix(10))
    }

    /// `text` with every moment in it (`AAAA-MM-GGThh:mm…`, as the registry records them, say in
    /// an audit entry's detail `until: 2026-11-29T05:26:38.723Z`) written as `text(iso:)` writes it.
    public func momentsWritten(in text: String) -> String {
        guard text.contains("T"), let pattern = Self.momentPattern else { return text }
        var result = ""
        var cursor = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            result += text[cursor..<range.lowerBound] + self.text(iso: String(text[range]))
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }

    /// A moment as the registry records it, inside a text.
    private static let momentPattern = try? NSRegularExpression(
        pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?"#)

    /// The moment's hours and minutes in the display zone, e.g. `14:35`.
    public func clock(_ date: Date) -> String {
        String(text(date).suffix(5))
    }

    /// The moment an ISO 8601 UTC time names, to the minute, or `nil` when it is not one.
    static func moment(_ iso: String) -> Date? {
        let bytes = Array(iso.utf8)
        guard bytes.count >= 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":")
        else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// `seconds` after the epoch, read as a civil time, written `DD/MM/YYYY HH:MM`.
    private static func written(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(parts.tm_mday))/\(two(parts.tm_mon + 1))/\(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
