import CSodium

/// The sub-keys derived from the registry's root key with `crypto_kdf_derive_from_key`, under
/// the 8-byte context `Registro`.
///
/// Sub-key identifiers are part of the on-disk format (see `Docs/PRIVACY.md`) and never change.
public enum SubKey: Sendable, Equatable {
    /// The key of the registry's key check value, which proves a keyring belongs to a database.
    case keyCheck
    /// The key of the blind index of codici fiscali (keyed BLAKE2b).
    case blindIndex
    /// The seed of the Ed25519 key pair that signed audit checkpoints in registries made before
    /// audit keys of their own; new registries sign with a random key kept apart.
    case auditSigningSeed
    /// The key sealing registry-level records that must outlive a person's data key: the
    /// reasons given for erasures.
    case records
    /// The key sealing the TOTP secrets of the server's accounts.
    case accounts
    /// The key-encryption key of generation `n`, which wraps every beneficiary's data key.
    case keyEncryption(generation: Int)

    /// The sub-key identifier passed to `crypto_kdf_derive_from_key`.
    var identifier: UInt64 {
        switch self {
        case .keyCheck: 1
        case .blindIndex: 2
        case .auditSigningSeed: 3
        case .records: 4
        case .accounts: 5
        case .keyEncryption(let generation): 1_000 + UInt64(generation)
        }
    }

    /// The derivation context shared by every sub-key: exactly `crypto_kdf_CONTEXTBYTES` bytes.
    static let context: [CChar] = Array("Registro".utf8CString.dropLast())
}

/// The registry's 32-byte root key, the one secret the keyring protects.
public struct RootKey: Sendable {
    /// The root key material.
    let key: SecretKey

    /// Wraps existing key material as the root key.
    init(_ key: SecretKey) {
        self.key = key
    }

    /// A fresh random root key, for a new registry.
    static func generate() -> RootKey {
        RootKey(.random())
    }

    /// Derives the sub-key `subKey` from this root key.
    func derive(_ subKey: SubKey) -> SecretKey {
        Sodium.ensureInitialised()
        precondition(SubKey.context.count == Int(crypto_kdf_CONTEXTBYTES))
        return SecretKey { output in
            _ = key.withUnsafeBytes { root in
                SubKey.context.withUnsafeBufferPointer { context in
                    crypto_kdf_derive_from_key(
                        output, SecretKey.byteCount, subKey.identifier, context.baseAddress!, root)
                }
            }
        }
    }

    /// The key check value stored in the database: keyed BLAKE2b (32 bytes) of the text
    /// "registro key check" under the `keyCheck` sub-key, hex-encoded.
    var checkValue: String {
        let digest = BLAKE2b.hash(Array("registro key check".utf8), key: derive(.keyCheck))
        return Hex.encode(digest)
    }
}
