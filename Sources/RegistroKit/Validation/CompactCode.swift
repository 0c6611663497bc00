/// Up to 16 ASCII bytes of an identifier (a codice fiscale, an organisation's fiscal code), held
/// inline so that validating a code allocates nothing.
///
/// `init(_:)` reads a string's UTF-8 bytes once, skipping spaces, tabs, line breaks and
/// no-break spaces wherever they are, and upper-casing ASCII letters. It counts every other
/// character (a multi-byte character counts once), so callers can report the length people
/// see, and it remembers the position of the first non-ASCII character.
struct CompactCode {
    /// How many bytes the storage holds.
    static let capacity = 16

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// How many characters the text has once spaces are removed; may exceed `capacity`.
    private(set) var count = 0
    /// The 1-based position of the first character outside ASCII, if any.
    private(set) var firstNonASCII: Int?
    /// Whether the compacted, upper-cased text differs from the original string.
    private(set) var differsFromInput = false

    /// Compacts `text` as described on the type.
    init(_ text: String) {
        // The bytes read in place when the string holds them contiguously (as it does when read
        // from a file), rather than through the view's iterator.
        self =
            text.utf8.withContiguousStorageIfAvailable { CompactCode(plain: $0) ?? CompactCode(bytes: $0) }
            ?? CompactCode(bytes: text.utf8)
    }

    /// The code of `bytes` when they are exactly `capacity` digits and upper-case letters, the
    /// form codes are usually written in, which compacting leaves as it is: loaded as two words
    /// rather than byte by byte. `nil` for any other text.
    private init?(plain bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == Self.capacity, let start = bytes.baseAddress else { return nil }
        for byte in bytes where !ASCII.isDigit(byte) && !ASCII.isUpper(byte) { return nil }
        // Byte `index` of the code is bits `8 * (index % 8)` up of its word, as `subscript` reads.
        let raw = UnsafeRawPointer(start)
        low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        count = Self.capacity
    }

    /// Compacts the UTF-8 bytes `bytes` as described on the type.
    @inline(__always)
    private init(bytes: some Sequence<UInt8>) {
        var pendingC2 = false  // a 0xC2 lead byte waiting to see whether it starts U+00A0
        for byte in bytes {
            if pendingC2 {
                pendingC2 = false
                if byte == 0xA0 {
                    differsFromInput = true
                    continue
                }
                noteNonASCII()
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                differsFromInput = true
            case 0xC2:
                pendingC2 = true
            case 0x80...0xBF:
                continue  // a continuation byte: its character was counted at its lead byte
            case 0xC0...:
                noteNonASCII()
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                differsFromInput = true
                append(byte - 0x20)
            default:
                append(byte)
            }
        }
        if pendingC2 { noteNonASCII() }
    }

    /// The byte at 0-based `index`, which must be below `min(count, capacity)`.
    subscript(index: Int) -> UInt8 {
        get {
            let word = index < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8))
        }
        set {
            let shift = UInt64(index % 8) * 8
            let cleared = ~(UInt64(0xFF) << shift)
            if index < 8 {
                low = (low & cleared) | (UInt64(newValue) << shift)
            } else {
                high = (high & cleared) | (UInt64(newValue) << shift)
            }
        }
    }

    /// The bytes from 0-based `start` to `count` as a string; `count` must not exceed
    /// `capacity`.
    func string(from start: Int = 0) -> String {
        String(unsafeUninitializedCapacity: count - start) { buffer in
            for index in start..<count { buffer[index - start] = self[index] }
            return count - start
        }
    }

    private mutating func append(_ byte: UInt8) {
        if count < Self.capacity { self[count] = byte }
        count += 1
    }

    private mutating func noteNonASCII() {
        count += 1
        if firstNonASCII == nil { firstNonASCII = count }
        differsFromInput = true
    }
}
