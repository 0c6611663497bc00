/// Bytes written one after another into memory of their own, which grows by doubling: for the
/// encodings written on hot paths (an audit entry's canonical encoding, hashed for every entry
/// appended and verified; a JSON body), where appending to an `Array` costs about a hundred
/// instructions a call. Freed when it goes out of scope.
struct GrowingBytes: ~Copyable {
    private var start: UnsafeMutableRawPointer
    private var capacity: Int
    /// How many bytes were written.
    private(set) var count = 0

    /// Room for `capacity` bytes (at least 64) before the first growth.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        start.deallocate()
    }

    /// The bytes written, valid until the next write.
    var written: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: start, count: count)
    }

    /// A copy of the bytes written.
    var array: [UInt8] {
        Array(written)
    }

    /// Forgets the bytes written, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        reserve(1)
        start.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Appends `bytes`.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (start + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends `value`'s bytes, most significant first.
    mutating func append(bigEndian value: some FixedWidthInteger) {
        let size = MemoryLayout.size(ofValue: value)
        reserve(size)
        withUnsafeBytes(of: value.bigEndian) { (start + count).copyMemory(from: $0.baseAddress!, byteCount: size) }
        count += size
    }

    /// Appends `byte` `repeated` times.
    mutating func append(_ byte: UInt8, repeated: Int) {
        reserve(repeated)
        (start + count).initializeMemory(as: UInt8.self, repeating: byte, count: repeated)
        count += repeated
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        larger.copyMemory(from: start, byteCount: count)
        start.deallocate()
        start = larger
        capacity = newCapacity
    }
}
