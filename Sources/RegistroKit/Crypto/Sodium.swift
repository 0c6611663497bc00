import CSodium

/// The one entry point to libsodium's initialisation; every type in `Crypto/` calls
/// `Sodium.ensureInitialised()` before its first libsodium call.
enum Sodium {
    /// Initialises libsodium once per process (thread-safe: `sodium_init` may be called
    /// repeatedly and concurrently).
    private static let initialised: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialised, or stops: without a working random source no key
    /// can be made safely.
    static func ensureInitialised() {
        precondition(initialised, "libsodium could not be initialised")
    }

    /// `count` bytes from libsodium's cryptographically secure random source.
    static func randomBytes(_ count: Int) -> [UInt8] {
        ensureInitialised()
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// A uniformly distributed random integer in `0..<upperBound`.
    static func randomUniform(_ upperBound: UInt32) -> UInt32 {
        ensureInitialised()
        return randombytes_uniform(upperBound)
    }
}
