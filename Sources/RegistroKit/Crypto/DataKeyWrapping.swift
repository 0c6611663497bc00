import CSodium

/// Wraps each beneficiary's data key under the key-encryption key: XChaCha20-Poly1305 (IETF),
/// `nonce (24) ‖ ciphertext (32) ‖ tag (16)`, bound to the beneficiary and the generation of
/// the key-encryption key (see `Docs/PRIVACY.md`).
enum DataKeyWrapping {
    /// The associated data of a wrapped key: `registro/v1|data-key|BENEFICIARY|GENERATION`.
    static func associatedData(beneficiary: String, generation: Int) -> [UInt8] {
        // Written byte by byte rather than interpolated: an import wraps a key per new person.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(dataKeyPrefix.count + beneficiary.utf8.count + 21)
        bytes.append(contentsOf: dataKeyPrefix)
        bytes.append(contentsOf: beneficiary.utf8)
        bytes.append(UInt8(ascii: "|"))
        bytes.append(contentsOf: String(generation).utf8)
        return bytes
    }

    /// The associated data's first bytes, `registro/v1|data-key|`.
    private static let dataKeyPrefix = Array("registro/v1|data-key|".utf8)

    /// Wraps `dataKey` for `beneficiary` under the key-encryption key of `generation`, with a
    /// nonce from `random` when given.
    static func wrap(
        _ dataKey: SecretKey, beneficiary: String, kek: SecretKey, generation: Int, random: RandomPool? = nil
    ) -> [UInt8] {
        var box: [UInt8] = []
        dataKey.bytes.withUnsafeBytes { plaintext in
            associatedData(beneficiary: beneficiary, generation: generation).withUnsafeBytes { ad in
                AEAD.seal(plaintext, associatedData: ad, key: kek, random: random, appendingTo: &box)
            }
        }
        return box
    }

    /// Unwraps a data key made by `wrap`.
    ///
    /// - Throws: `RegistroError` (invalid data, as for any damaged database) when the wrapped
    ///   key does not open: the database was altered or belongs to another keyring.
    static func unwrap(_ wrapped: [UInt8], beneficiary: String, kek: SecretKey, generation: Int) throws -> SecretKey {
        let opened = wrapped.withUnsafeBytes { box in
            associatedData(beneficiary: beneficiary, generation: generation).withUnsafeBytes { ad in
                AEAD.open(box, associatedData: ad, key: kek)
            }
        }
        guard var bytes = opened, bytes.count == SecretKey.byteCount else {
            throw RegistroError.invalidData(
                "the data key of beneficiary `\(beneficiary)` does not open: the database was altered or belongs to another keyring; restore it from a backup"
            )
        }
        defer { sodium_memzero(&bytes, bytes.count) }
        return SecretKey(bytes: bytes)
    }
}

/// The blind index of a codice fiscale: keyed BLAKE2b (32 bytes) of its normalised form under
/// the blind-index sub-key, so the registry finds a person across organisations without
/// decrypting, and without a hash anyone could recompute from a list of codici fiscali.
enum BlindIndex {
    /// The blind index of `normalisedCodiceFiscale` under `key`.
    static func of(_ normalisedCodiceFiscale: String, key: SecretKey) -> [UInt8] {
        BLAKE2b.hash(Array(normalisedCodiceFiscale.utf8), key: key)
    }
}
