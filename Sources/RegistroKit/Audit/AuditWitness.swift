import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The witness of the audit log: a file outside the database (`<db>.witness` by default,
/// meant for another disk or machine) to which a signed checkpoint of the log's head is
/// appended after every change, one line each (`AuditCheckpoint.witnessLine`). Lines are only
/// ever appended, whole and flushed to disk, under an exclusive lock, so processes appending
/// at once leave it consistent; it also works on a file made append-only (`chattr +a`).
///
/// `audit verify` checks the log against every line, so whoever rewrites, reorders, truncates
/// or rolls back the database is found out up to the last witnessed entry.
public struct AuditWitness: Sendable, Equatable {
    /// The witness file.
    public let path: String

    /// The witness kept in the file at `path`; nothing is read or created yet.
    public init(path: String) {
        self.path = path
    }

    /// A checkpoint read from the witness, with its line number.
    public struct Line: Sendable, Equatable {
        /// The line number, from 1.
        public let number: Int
        /// The checkpoint the line holds.
        public let checkpoint: AuditCheckpoint
    }

    /// Whether the file exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Every checkpoint of the witness, in file order.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file cannot be read or a line is not a
    ///   witnessed checkpoint (naming the line).
    public func lines() throws -> [Line] {
        try read().lines
    }

    /// Every checkpoint of the witness, in file order, and the numbers of the lines cut short
    /// (`AuditCheckpoint.isCutShortWitnessLine`): a crash in the middle of an append leaves
    /// the start of a line, which the next append leaves apart on a line of its own. Such a
    /// line is not a sign of tampering: it vouches for nothing, as a line removed whole would
    /// not, and every whole line is still checked.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file cannot be read or a line is
    ///   neither a witnessed checkpoint nor one cut short (naming the line).
    public func read() throws -> (lines: [Line], cutShort: [Int]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RegistroError.invalidData(
                .witness, "cannot read the witness `\(path)`", hint: .checkWitness, key: .witnessUnreadable(path))
        }
        var lines: [Line] = []
        var cutShort: [Int] = []
        lines.reserveCapacity(data.count / 250)
        var number = 0
        for text in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if text.isEmpty { continue }
            guard let checkpoint = AuditCheckpoint(witnessLine: text) else {
                // Only a line that is not a whole checkpoint is asked whether a crash cut it
                // short: most lines are whole, and the question parses the line again.
                if AuditCheckpoint.isCutShortWitnessLine(text) {
                    cutShort.append(number)
                    continue
                }
                throw RegistroError(
                    .invalidData, field: nil,
                    "line \(number) of the witness `\(path)` is not a witnessed checkpoint: "
                        + "the file was edited or damaged; restore it from a copy",
                    key: .witnessLineDamaged(line: number, witness: path))
            }
            lines.append(Line(number: number, checkpoint: checkpoint))
        }
        return (lines, cutShort)
    }

    /// Appends `checkpoint` as one line, flushed to disk before returning.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file cannot be opened or written.
    public func appendCheckpoint(_ checkpoint: AuditCheckpoint) throws {
        try appendCheckpoint { _ in checkpoint }
    }

    /// Appends the checkpoint that `make` returns, if any, as one line, flushed to disk before
    /// returning. `make` runs while the file is locked against every other appender and gets
    /// the sequence number of the last line (`nil` for an empty file), so that it can read the
    /// log's head, skip a head already witnessed, and keep the lines in the log's order.
    ///
    /// A server calls this through `Registry.witnessAuditLog()` at most once a second while
    /// entries arrive; the command-line tool once at the end of each command that wrote the log.
    ///
    /// - Returns: The checkpoint appended, `nil` when `make` returned none.
    /// - Throws: `RegistroError` (invalid data) when the file cannot be opened, locked or
    ///   written, or what `make` throws (then nothing is written).
    @discardableResult
    public func appendCheckpoint(_ make: (_ lastSeq: Int64?) throws -> AuditCheckpoint?) throws -> AuditCheckpoint? {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw failure("lock") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("read") }
        let size = Int(status.st_size)
        let tail = try readTail(descriptor, size: size)
        guard let checkpoint = try make(lastSeq(in: tail)) else { return nil }
        // A line left unfinished by a crash stays apart: the new line starts on a line of its own.
        let separator = tail.last.map { $0 == UInt8(ascii: "\n") ? "" : "\n" } ?? ""
        let bytes = Array((separator + checkpoint.witnessLine).utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw failure("write") }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure("flush") }
        if size == 0 { syncDirectory() }
        return checkpoint
    }

    /// The last bytes of the file, enough to hold its last line.
    private func readTail(_ descriptor: Int32, size: Int) throws -> [UInt8] {
        let length = min(size, 1_024)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(size - length)) }
        guard read == length else { throw failure("read") }
        return bytes
    }

    /// The sequence number of the last whole line of `tail`, if it holds a checkpoint.
    private func lastSeq(in tail: [UInt8]) -> Int64? {
        guard tail.last == UInt8(ascii: "\n") else { return nil }
        let body = tail.dropLast()
        let start = body.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? body.startIndex
        return AuditCheckpoint(witnessLine: Substring(decoding: body[start...], as: UTF8.self))?.seq
    }

    /// Flushes the folder holding a newly created witness, so the file itself survives a crash.
    private func syncDirectory() {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The error for a failed `operation` on the file, with the system's reason.
    private func failure(_ operation: String) -> RegistroError {
        let reason = String(cString: strerror(errno))
        return RegistroError.invalidData(
            .witness, "cannot \(operation) the witness `\(path)`: \(reason)", hint: .checkWitness,
            key: .storage(.witnessUnusable(path, reason: reason)))
    }
}
