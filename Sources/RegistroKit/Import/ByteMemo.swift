import Foundation

/// Remembers what the bytes of an import field (or of a group of fields) validated to, so that
/// a text met again, which validates the same way, is neither decoded nor validated again:
/// spreadsheets repeat a person's columns on each of their rows, and a few codes and dates on
/// thousands of rows.
///
/// The bytes met last are compared first; else a table keyed by their 64-bit FNV-1a hash is
/// consulted, the stored bytes confirming the match. Only values whose validation succeeded
/// are remembered. When `limit` texts are held, the memo starts again empty, so memory stays
/// bounded however long the file.
struct ByteMemo<Value> {
    private var hashes: IntegerHashTable
    private var entries: [(bytes: [UInt8], value: Value)] = []
    private var last = -1
    private let limit: Int

    /// An empty memo holding at most `limit` texts.
    init(limit: Int) {
        self.limit = limit
        hashes = IntegerHashTable(capacity: min(limit, 1024))
    }

    /// The value remembered for `bytes`, if any.
    @inline(__always)
    mutating func value(for bytes: UnsafeRawBufferPointer) -> Value? {
        if last >= 0 && Self.equal(bytes, entries[last].bytes) { return entries[last].value }
        guard let index = hashes.index(of: Self.hash(bytes)), Self.equal(bytes, entries[index].bytes) else {
            return nil
        }
        last = index
        return entries[index].value
    }

    /// Remembers that `bytes` validated to `value`. Returns `true` when the memo was full and
    /// started again empty first: what it held before is forgotten.
    @discardableResult
    mutating func remember(_ value: Value, for bytes: UnsafeRawBufferPointer) -> Bool {
        let startsAgain = entries.count >= limit
        if startsAgain {
            entries.removeAll(keepingCapacity: true)
            hashes = IntegerHashTable(capacity: min(limit, 1024))
            last = -1
        }
        let (index, inserted) = hashes.insert(Self.hash(bytes))
        // Another text with the same hash (vanishingly rare) is simply not remembered.
        guard inserted else { return startsAgain }
        entries.append((Array(bytes), value))
        last = index
        return startsAgain
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    @inline(__always)
    private static func equal(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
        bytes.count == other.count
            && (bytes.isEmpty
                || other.withUnsafeBytes {
                    memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0
                })
    }
}
