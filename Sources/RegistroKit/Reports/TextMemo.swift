import Foundation

/// Remembers what each text met in a column stands for (a dimension value's index), so that a
/// scan turns a column's bytes into a value without making a `String` for every row: the last
/// bytes are compared first, then a table keyed by their 64-bit FNV-1a hash is consulted, the
/// bytes themselves confirming the match.
struct TextMemo {
    /// The entry met last, compared first (rows often repeat their neighbour's value).
    private var lastEntry = -1
    private var nullIndex: UInt16?
    private var hashes = IntegerHashTable(capacity: 64)
    private var entries: [(bytes: [UInt8], index: UInt16)] = []

    /// The index for `bytes` (NULL when `nil`); `resolve` gives it from the text, the first
    /// time a text is met.
    @inline(__always)
    mutating func index(_ bytes: UnsafeBufferPointer<UInt8>?, resolve: (String?) -> UInt16) -> UInt16 {
        guard let bytes else {
            if let nullIndex { return nullIndex }
            let index = resolve(nil)
            nullIndex = index
            return index
        }
        if lastEntry >= 0 && Self.equal(bytes, entries[lastEntry].bytes) { return entries[lastEntry].index }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let (slot, inserted) = hashes.insert(hash)
        if !inserted && Self.equal(bytes, entries[slot].bytes) {
            lastEntry = slot
            return entries[slot].index
        }
        let index = resolve(String(decoding: bytes, as: UTF8.self))
        if inserted {
            entries.append((Array(bytes), index))
            lastEntry = slot
        } else {
            // Another text with the same hash (vanishingly rare): resolved again each time.
            lastEntry = -1
        }
        return index
    }

    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        bytes.count == other.count
            && (bytes.isEmpty
                || other.withUnsafeBufferPointer {
                    memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0
                })
    }
}
