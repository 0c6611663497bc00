import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming reader of CSV records (RFC 4180 with the habits of spreadsheet exports): comma or
/// semicolon separated, fields optionally quoted with `"` and `""` inside quotes, `\n`, `\r\n` or
/// `\r` line ends, empty lines skipped. It reads its input in fixed-size chunks, so memory does not
/// grow with the file's length, and hands out raw bytes: decoding text is the caller's choice.
public final class CSVReader {
    /// Where the bytes come from.
    private enum Source {
        case file(descriptor: Int32)
        case bytes([UInt8], offset: Int)
    }

    private static let chunkSize = 1 << 16
    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private var source: Source
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private var atEndOfInput = false
    private var skipLineFeed = false
    private var line = 1
    /// Why the last read from the file failed, reported by the next call to `next()`.
    private var readFailure: String?

    /// The field separator: `,` or `;`.
    public private(set) var separator: UInt8
    /// The total number of bytes consumed so far, for progress reporting.
    public private(set) var bytesRead = 0
    /// The BLAKE2b digest of every byte read.
    private let hasher = BLAKE2b.Hasher()

    /// The bytes of the fields of the current record, one after the other (`recordCapacity`
    /// bytes allocated, grown as records need).
    private var record: UnsafeMutablePointer<UInt8>
    private var recordCapacity = 1024
    /// Where each field of the current record ends in `record`.
    private var fieldEnds: [Int] = []

    /// The line on which the current record starts (1-based).
    public private(set) var recordLine = 0

    /// The number of fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// Opens the file at `path` for reading. The separator is the one of `,` and `;` that
    /// appears more often in the first line outside quotes (comma on a tie).
    ///
    /// - Throws: `RegistroError` (invalid data) when the file cannot be opened.
    public convenience init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RegistroError.invalidData("cannot open `\(path)`: \(String(cString: strerror(errno)))")
        }
        self.init(source: .file(descriptor: descriptor))
    }

    /// Reads CSV held in memory, e.g. the embedded reference code lists.
    public convenience init(bytes: [UInt8]) {
        self.init(source: .bytes(bytes, offset: 0))
    }

    private init(source: Source) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        record = .allocate(capacity: recordCapacity)
        separator = UInt8(ascii: ",")
        refill()
        skipByteOrderMark()
        separator = detectSeparator()
    }

    deinit {
        if case .file(let descriptor) = source {
            close(descriptor)
        }
        record.deallocate()
    }

    /// The BLAKE2b digest (32 bytes) of the whole input; call once, after `next()` returned
    /// `false`.
    public func digest() -> [UInt8] {
        hasher.finalize()
    }

    /// Whether the input started with a UTF-8 byte order mark (which is skipped).
    public private(set) var hadByteOrderMark = false

    /// The raw bytes of field `index` of the current record, valid until the next call to
    /// `next()`.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return UnsafeBufferPointer(start: record + start, count: fieldEnds[index] - start)
    }

    /// Moves to the next record that is not empty, returning `false` at the end of the input.
    ///
    /// - Throws: `RegistroError` (invalid data) for a quoted field left open at the end of the
    ///   input or text after a closing quote, or when reading fails; `recordLine` is then the
    ///   line where the faulty record starts.
    public func next() throws -> Bool {
        while let length = try readRecord() {
            if length > 0 { return true }
        }
        return false
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    /// Reads one physical record (possibly empty) and returns the length of its fields' bytes;
    /// `nil` at the end of the input.
    ///
    /// The state lives in local variables while bytes are scanned, and field bytes are written
    /// through a pointer, so the loop pays no exclusivity check or bounds check per byte; the
    /// bytes of a field up to its next special byte (separator, line end, or quote inside quotes)
    /// are found by one tight loop and copied as one run.
    private func readRecord() throws -> Int? {
        var ends: [Int] = []
        swap(&ends, &fieldEnds)
        defer { swap(&ends, &fieldEnds) }
        ends.removeAll(keepingCapacity: true)
        recordLine = line
        var length = 0
        var state = State.fieldStart
        while true {
            if position == end {
                refill()
                if let readFailure {
                    throw RegistroError.invalidData("the file cannot be read: \(readFailure)")
                }
                if position == end {
                    switch state {
                    case .quoted:
                        throw RegistroError.invalidData(
                            "a quoted field is never closed; add the closing `\"`")
                    case .fieldStart where ends.isEmpty:
                        return nil
                    default:
                        ends.append(length)
                        return length
                    }
                }
            }
            // Every byte of the chunk may land in the record: make room for all of them at once.
            if recordCapacity - length < end - position {
                growRecord(to: length + end - position)
            }
            var index = position
            let chunkEnd = end
            let separator = separator
            let output = record
            var line = line
            var skipLineFeed = skipLineFeed
            let finished: Bool = try buffer.withUnsafeBufferPointer { chunk in
                let bytes = chunk.baseAddress!
                while index < chunkEnd {
                    if skipLineFeed {
                        skipLineFeed = false
                        if bytes[index] == Self.newline {
                            index += 1
                            continue
                        }
                    }
                    switch state {
                    case .fieldStart, .unquoted:
                        if state == .fieldStart && bytes[index] == Self.quote {
                            index += 1
                            state = .quoted
                            continue
                        }
                        // The bytes up to the field's end, copied as one run: a quote among them
                        // is a plain character.
                        var stop = index
                        while stop < chunkEnd {
                            let byte = bytes[stop]
                            if byte == separator || byte == Self.newline || byte == Self.carriageReturn { break }
                            stop += 1
                        }
                        if stop > index {
                            (output + length).update(from: bytes + index, count: stop - index)
                            length += stop - index
                            index = stop
                            state = .unquoted
                        }
                        guard index < chunkEnd else { return false }
                        let byte = bytes[index]
                        index += 1
                        ends.append(length)
                        if byte == separator {
                            state = .fieldStart
                        } else {
                            skipLineFeed = byte == Self.carriageReturn
                            line += 1
                            return true
                        }
                    case .quoted:
                        // The bytes up to the next quote, copied as one run.
                        var stop = index
                        while stop < chunkEnd {
                            let byte = bytes[stop]
                            if byte == Self.quote { break }
                            if byte == Self.newline { line += 1 }
                            stop += 1
                        }
                        (output + length).update(from: bytes + index, count: stop - index)
                        length += stop - index
                        index = stop
                        if index < chunkEnd {
                            index += 1
                            state = .quoteInQuoted
                        }
                    case .quoteInQuoted:
                        let byte = bytes[index]
                        index += 1
                        if byte == Self.quote {
                            output[length] = byte
                            length += 1
                            state = .quoted
                        } else if byte == separator {
                            ends.append(length)
                            state = .fieldStart
                        } else if byte == Self.newline || byte == Self.carriageReturn {
                            skipLineFeed = byte == Self.carriageReturn
                            line += 1
                            ends.append(length)
                            return true
                        } else {
                            throw RegistroError.invalidData(
                                "column \(ends.count + 1): text follows a closing quote; quote the whole field and double any `\"` inside it"
                            )
                        }
                    }
                }
                return false
            }
            position = index
            self.line = line
            self.skipLineFeed = skipLineFeed
            if finished { return length }
        }
    }

    /// Makes room for at least `capacity` bytes in the record, keeping its bytes.
    private func growRecord(to capacity: Int) {
        var newCapacity = recordCapacity
        while newCapacity < capacity { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: record, count: recordCapacity)
        record.deallocate()
        record = grown
        recordCapacity = newCapacity
    }

    /// Reads the next chunk into the buffer when everything before has been consumed.
    private func refill() {
        guard position == end, !atEndOfInput else { return }
        position = 0
        end = 0
        switch source {
        case .file(let descriptor):
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            if count < 0 {
                readFailure = String(cString: strerror(errno))
            }
            end = max(count, 0)
        case .bytes(let bytes, let offset):
            let count = min(Self.chunkSize, bytes.count - offset)
            buffer.replaceSubrange(0..<count, with: bytes[offset..<(offset + count)])
            source = .bytes(bytes, offset: offset + count)
            end = count
        }
        bytesRead += end
        buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<end])) }
        if end == 0 { atEndOfInput = true }
    }

    private func skipByteOrderMark() {
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
            hadByteOrderMark = true
        }
    }

    /// The separator of the first line: the more frequent of `,` and `;` outside quotes.
    private func detectSeparator() -> UInt8 {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for byte in buffer[position..<end] {
            if byte == Self.quote { quoted.toggle() }
            if quoted { continue }
            if byte == Self.newline || byte == Self.carriageReturn { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
