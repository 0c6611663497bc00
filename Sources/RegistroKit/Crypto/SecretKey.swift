import CSodium

/// A 32-byte secret key held in memory that is wiped when the key is released.
///
/// Keys are never `Codable` and never printed; they cross the library's boundary only as
/// sealed bytes (the keyring, wrapped data keys).
public final class SecretKey: @unchecked Sendable {
    /// The length of every key in the registry, in bytes.
    public static let byteCount = 32

    /// The key bytes; immutable after initialisation, wiped in `deinit`.
    private let storage: UnsafeMutableRawBufferPointer

    /// Creates a key from exactly 32 bytes, copying them.
    init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a key has 32 bytes")
        storage = .allocate(byteCount: Self.byteCount, alignment: 16)
        storage.copyBytes(from: bytes)
    }

    /// Creates a key by letting `fill` write its 32 bytes.
    init(filling fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        storage = .allocate(byteCount: Self.byteCount, alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        fill(storage.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// A fresh random key from libsodium's random source, drawn through `random`. Open to the
    /// in-process benchmark as SPI, `@_spi(Benchmarks)`.
    @_spi(Benchmarks) public static func random(from random: RandomPool) -> SecretKey {
        SecretKey { random.fill($0, count: byteCount) }
    }

    /// A fresh random key from libsodium's random source, through a pool of its own.
    static func random() -> SecretKey {
        random(from: RandomPool(capacity: byteCount))
    }

    deinit {
        sodium_memzero(storage.baseAddress, Self.byteCount)
        storage.deallocate()
    }

    /// Calls `body` with a pointer to the key bytes, valid only during the call.
    func withUnsafeBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: UInt8.self)))
    }

    /// A copy of the key bytes, for sealing the key itself (the keyring, wrapped data keys).
    var bytes: [UInt8] { Array(storage) }
}
