import Foundation

/// Remembers what the bytes of an import field (or of a group of fields) validated to, so that
/// a text met again, which validates the same way, is neither decoded nor validated again:
/// spreadsheets repeat a person's columns on each of their rows, and a few codes and dates on
/// thousands of rows.
///
/// The bytes met last are compared first; else a table keyed by a 64-bit hash of them
/// (`hash(_:)`) is consulted, the stored bytes confirming the match. Only values whose
/// validation succeeded are remembered. When `limit` texts are held, the memo starts again
/// empty, so memory stays bounded however long the file.
///
/// The texts are kept one after another in chunks of `chunkSize` bytes (a longer text in a chunk
/// of its own), not in an array each: the reading thread's memo of 65,536 people held about
/// 50 bytes more per person as arrays, and an allocation each.
struct ByteMemo<Value> {
    private var hashes: IntegerHashTable
    /// Where each text is (`chunk`, `start`, `count`), in the order remembered: apart from the
    /// values, so that comparing a text with one held copies no value (nor retains it).
    private var spans: [(chunk: Int32, start: Int32, count: Int32)] = []
    /// The value of each text, in the same order.
    private var values: [Value] = []
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
        if last >= 0 && equal(bytes, last) { return values[last] }
        guard let index = hashes.index(of: Self.hash(bytes)), equal(bytes, index) else {
            return nil
        }
        last = index
        return values[index]
    }

    /// Remembers that `bytes` validated to `value`. Returns `true` when the memo was full and
    /// started again empty first: what it held before is forgotten.
    @discardableResult
    mutating func remember(_ value: Value, for bytes: UnsafeRawBufferPointer) -> Bool {
        let startsAgain = spans.count >= limit
        if startsAgain {
            spans.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
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
        spans.append((chunk, Int32(start), Int32(bytes.count)))
        values.append(value)
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

    /// A 64-bit hash of `bytes`: FNV-1a's steps taken eight bytes at a time (a word xor'd in,
    /// then multiplied by FNV's prime), the length first, the last bytes as one shorter word.
    /// Each step is one-to-one, so texts of the same length that differ in one word never
    /// collide; the hash table places a key by its top bits, which every byte reaches.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var hash = (0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)) &* prime
        guard let start = bytes.baseAddress else { return hash }
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            offset += 8
        }
        if offset < bytes.count {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                last |= UInt64(start.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ last) &* prime
        }
        return hash
    }

    /// Whether `bytes` are the text of entry `index`.
    @inline(__always)
    private func equal(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        let entry = spans[index]
        guard bytes.count == Int(entry.count) else { return false }
        guard !bytes.isEmpty else { return true }
        return chunks[Int(entry.chunk)].withUnsafeBytes {
            memcmp(bytes.baseAddress!, $0.baseAddress! + Int(entry.start), bytes.count) == 0
        }
    }
}
