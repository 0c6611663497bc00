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

    // The state below is used by one thread at a time and never by two accesses that overlap:
    // `@exclusivity(unchecked)` spares the runtime check of each access (four a record, and two
    // more for each row the importer reads the fields of).

    @exclusivity(unchecked) private var source: Source
    @exclusivity(unchecked) private var buffer: [UInt8]
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEndOfInput = false
    @exclusivity(unchecked) private var skipLineFeed = false
    @exclusivity(unchecked) private var line = 1
    /// Why the last read from the file failed, reported by the next call to `next()`.
    @exclusivity(unchecked) private var readFailure: String?

    /// The field separator: `,` or `;`.
    @exclusivity(unchecked) public private(set) var separator: UInt8
    /// The total number of bytes consumed so far, for progress reporting.
    @exclusivity(unchecked) public private(set) var bytesRead = 0
    /// The BLAKE2b digest of every byte read.
    private let hasher = BLAKE2b.Hasher()

    /// The bytes of the fields of the current record, one after the other (`recordCapacity`
    /// bytes allocated, grown as records need).
    @exclusivity(unchecked) private var record: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var recordCapacity = 1024
    /// Where each field of the current record ends in `record`: `fieldCount` of them
    /// (`fieldEndsCapacity` allocated, grown as records need).
    @exclusivity(unchecked) private var fieldEnds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var fieldEndsCapacity = 64

    /// The line on which the current record starts (1-based).
    @exclusivity(unchecked) public private(set) var recordLine = 0

    /// The number of fields in the current record.
    @exclusivity(unchecked) public private(set) var fieldCount = 0

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
        fieldEnds = .allocate(capacity: fieldEndsCapacity)
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
        fieldEnds.deallocate()
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
        precondition(index >= 0 && index < fieldCount, "no such field")
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return UnsafeBufferPointer(start: record + start, count: fieldEnds[index] - start)
    }

    /// Moves to the next record that is not empty, returning `false` at the end of the input.
    ///
    /// - Throws: `RegistroError` (invalid data) for a quoted field left open at the end of the
    ///   input or text after a closing quote, or when reading fails; `recordLine` is then the
    ///   line where the faulty record starts, and `failed` is true.
    public func next() throws -> Bool {
        do {
            while let length = try readRecord() {
                if length > 0 { return true }
            }
            return false
        } catch {
            failed = true
            throw error
        }
    }

    /// Whether reading stopped on a fault of the file (`next()` threw): an error met by an
    /// import that is not the file's (a write failing) is told apart by it.
    public private(set) var failed = false

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    /// Reads one physical record (possibly empty) and returns the length of its fields' bytes;
    /// `nil` at the end of the input.
    ///
    /// The state lives in local variables while bytes are scanned, and field bytes and ends are
    /// written through pointers, so the loop pays no exclusivity check or bounds check per byte.
    /// An unquoted field is scanned and copied eight bytes at a time (`specialBytes`): each word
    /// of the chunk is stored to the record as it is read (the record has room for every byte of
    /// the chunk, so for a word of it that runs past the field's end too), and the first
    /// separator or line end in it ends the field.
    private func readRecord() throws -> Int? {
        var endCount = 0
        defer { fieldCount = endCount }
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
                    case .fieldStart where endCount == 0:
                        return nil
                    default:
                        appendEnd(length, count: &endCount)
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
            let separators = Self.everyByte * UInt64(separator)
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
                        // The bytes up to the field's end, copied as they are scanned: a quote
                        // among them is a plain character.
                        var stop = index
                        var found = false
                        while stop + 8 <= chunkEnd {
                            let word = UnsafeRawPointer(bytes + stop).loadUnaligned(as: UInt64.self)
                            UnsafeMutableRawPointer(output + length + (stop - index)).storeBytes(
                                of: word, as: UInt64.self)
                            let special = Self.specialBytes(in: UInt64(littleEndian: word), separators: separators)
                            if special != 0 {
                                stop += special.trailingZeroBitCount >> 3
                                found = true
                                break
                            }
                            stop += 8
                        }
                        if !found {
                            while stop < chunkEnd {
                                let byte = bytes[stop]
                                if byte == separator || byte == Self.newline || byte == Self.carriageReturn { break }
                                output[length + stop - index] = byte
                                stop += 1
                            }
                        }
                        if stop > index {
                            length += stop - index
                            index = stop
                            state = .unquoted
                        }
                        guard index < chunkEnd else { return false }
                        let byte = bytes[index]
                        index += 1
                        appendEnd(length, count: &endCount)
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
                            appendEnd(length, count: &endCount)
                            state = .fieldStart
                        } else if byte == Self.newline || byte == Self.carriageReturn {
                            skipLineFeed = byte == Self.carriageReturn
                            line += 1
                            appendEnd(length, count: &endCount)
                            return true
                        } else {
                            throw RegistroError.invalidData(
                                "column \(endCount + 1): text follows a closing quote; quote the whole field and double any `\"` inside it"
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

    /// `0x01` in each byte of a word: times a byte, that byte in each.
    private static let everyByte: UInt64 = 0x0101_0101_0101_0101

    /// A word with the high bit of each byte of `word` (read little-endian) that is a separator
    /// (`separators`: the separator in each byte), a line feed or a carriage return set; other
    /// bits may be set above the first such byte, never below it, so the lowest bit set marks
    /// the first.
    @inline(__always)
    private static func specialBytes(in word: UInt64, separators: UInt64) -> UInt64 {
        zeroBytes(word ^ separators) | zeroBytes(word ^ (everyByte * UInt64(newline)))
            | zeroBytes(word ^ (everyByte * UInt64(carriageReturn)))
    }

    /// The high bit of each zero byte of `word` set (and possibly bits above the lowest such
    /// byte): a byte's borrow can only reach the bytes above it.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- everyByte) & ~word & (everyByte &* 0x80)
    }

    /// Appends a field's end to `fieldEnds`, where `count` are already, grown when full.
    @inline(__always)
    private func appendEnd(_ end: Int, count: inout Int) {
        if count == fieldEndsCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * fieldEndsCapacity)
            grown.update(from: fieldEnds, count: count)
            fieldEnds.deallocate()
            fieldEnds = grown
            fieldEndsCapacity *= 2
        }
        fieldEnds[count] = end
        count += 1
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
