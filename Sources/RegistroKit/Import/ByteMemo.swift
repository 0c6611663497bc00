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
///
/// The texts are kept one after another in chunks of `chunkSize` bytes (a longer text in a chunk
/// of its own), not in an array each: the reading thread's memo of 65,536 people held about
/// 50 bytes more per person as arrays, and an allocation each.
struct ByteMemo<Value> {
    private var hashes: IntegerHashTable
    /// Where each text is (`chunk`, `start`, `count`), and its value, in the order remembered.
    private var entries: [(chunk: Int32, start: Int32, count: Int32, value: Value)] = []
    /// The texts' bytes; every chunk before the last is full or nearly so.
    private var chunks: [[UInt8]] = []
    /// The chunk that texts are appended to; the chunks after it are empty, kept for reuse.
    private var current = 0
    private var last = -1
    private let limit: Int
    /// The bytes of a chunk.
    static var chunkSize: Int { 1 << 16 }

    /// An empty memo holding at most `limit` texts.
    init(limit: Int) {
        self.limit = limit
        hashes = IntegerHashTable(capacity: min(limit, 1024))
    }

    /// The value remembered for `bytes`, if any.
    @inline(__always)
    mutating func value(for bytes: UnsafeRawBufferPointer) -> Value? {
        if last >= 0 && equal(bytes, last) { return entries[last].value }
        guard let index = hashes.index(of: Self.hash(bytes)), equal(bytes, index) else {
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
            for index in chunks.indices { chunks[index].removeAll(keepingCapacity: true) }
            current = 0
            hashes = IntegerHashTable(capacity: min(limit, 1024))
            last = -1
        }
        let (index, inserted) = hashes.insert(Self.hash(bytes))
        // Another text with the same hash (vanishingly rare) is simply not remembered.
        guard inserted else { return startsAgain }
        let chunk = store(bytes)
        let start = chunks[Int(chunk)].count - bytes.count
        entries.append((chunk, Int32(start), Int32(bytes.count), value))
        last = index
        return startsAgain
    }

    /// Appends `bytes` to the current chunk, or to the next one when they do not fit, and
    /// returns the chunk's number.
    private mutating func store(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if chunks.isEmpty || chunks[current].count + bytes.count > chunks[current].capacity {
            if !chunks.isEmpty && !chunks[current].isEmpty { current += 1 }
            if current == chunks.count {
                var chunk: [UInt8] = []
                chunk.reserveCapacity(max(Self.chunkSize, bytes.count))
                chunks.append(chunk)
            } else if chunks[current].capacity < bytes.count {
                chunks[current].reserveCapacity(bytes.count)
            }
        }
        chunks[current].append(contentsOf: bytes)
        return Int32(current)
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Whether `bytes` are the text of entry `index`.
    @inline(__always)
    private func equal(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        let entry = entries[index]
        guard bytes.count == Int(entry.count) else { return false }
        guard !bytes.isEmpty else { return true }
        return chunks[Int(entry.chunk)].withUnsafeBytes {
            memcmp(bytes.baseAddress!, $0.baseAddress! + Int(entry.start), bytes.count) == 0
        }
    }
}
