import CSodium

/// Argon2id password hashes through libsodium's `crypto_pwhash_str`: one self-describing
/// string holding the algorithm, its parameters, a random salt and the hash.
///
/// Hashing costs tens of milliseconds and tens of mebibytes on purpose; a server calls it off
/// its event loop.
public enum PasswordHash {
    /// How much work and memory a new hash costs.
    public enum Cost: Sendable {
        /// libsodium's interactive limits (64 MiB, 2 passes): for every real password.
        case interactive
        /// libsodium's minimum limits: for tests that make many hashes, never for a registry.
        case minimum

        var limits: (operations: UInt64, memory: Int) {
            switch self {
            case .interactive:
                (UInt64(crypto_pwhash_opslimit_interactive()), crypto_pwhash_memlimit_interactive())
            case .minimum:
                (UInt64(crypto_pwhash_opslimit_min()), crypto_pwhash_memlimit_min())
            }
        }
    }

    /// The Argon2id string of `password`, made with a fresh random salt.
    ///
    /// - Throws: `RegistroError` (internal) when the machine lacks the memory the cost asks for.
    public static func make(_ password: String, cost: Cost = .interactive) throws -> String {
        Sodium.ensureInitialised()
        let (operations, memory) = cost.limits
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let status = password.withCString { chars in
            crypto_pwhash_str_alg(
                &output, chars, UInt64(password.utf8.count), operations, memory, crypto_pwhash_ALG_ARGON2ID13)
        }
        guard status == 0 else {
            throw RegistroError(
                .internal, field: nil, "hashing a password ran out of memory; free memory and try again",
                key: .storage(.outOfMemory))
        }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the Argon2id string `hash`. A string that is not a valid hash
    /// matches nothing.
    public static func verify(_ password: String, against hash: String) -> Bool {
        Sodium.ensureInitialised()
        return password.withCString { chars in
            crypto_pwhash_str_verify(hash, chars, UInt64(password.utf8.count)) == 0
        }
    }
}
