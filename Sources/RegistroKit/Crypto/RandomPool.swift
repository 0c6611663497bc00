import CSodium

/// Random bytes from libsodium's `randombytes_buf`, drawn a block at a time: one call (one
/// system call on Linux) for many nonces, data keys and identifiers instead of one each.
///
/// Every byte comes from libsodium's random source, is handed out once, and is wiped from the
/// pool as it is handed out, so the pool never holds a nonce or a key already in use. Not
/// shared between threads: each writer owns its pool.
@_spi(Benchmarks) public final class RandomPool {
    /// The block size used for bulk work (an import).
    public static let defaultCapacity = 4096

    private let block: UnsafeMutableRawBufferPointer
    /// The first byte of `block` not yet handed out.
    private var next: Int

    /// A pool drawing `capacity` bytes at a time.
    public init(capacity: Int = defaultCapacity) {
        precondition(capacity > 0)
        Sodium.ensureInitialised()
        block = .allocate(byteCount: capacity, alignment: 16)
        block.initializeMemory(as: UInt8.self, repeating: 0)
        next = capacity
    }

    deinit {
        sodium_memzero(block.baseAddress, block.count)
        block.deallocate()
    }

    /// Writes `count` fresh random bytes to `destination`.
    func fill(_ destination: UnsafeMutableRawPointer, count: Int) {
        var written = 0
        while written < count {
            if next == block.count {
                randombytes_buf(block.baseAddress!, block.count)
                next = 0
            }
            let taken = min(count - written, block.count - next)
            let source = block.baseAddress! + next
            (destination + written).copyMemory(from: source, byteCount: taken)
            sodium_memzero(source, taken)
            next += taken
            written += taken
        }
    }

    /// A random unsigned integer of `byteCount` bytes (at most 8), for identifiers.
    func integer(byteCount: Int) -> UInt64 {
        precondition((1...8).contains(byteCount))
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { fill($0.baseAddress!, count: byteCount) }
        return value
    }
}
