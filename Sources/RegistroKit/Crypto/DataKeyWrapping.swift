import CSodium

/// Wraps each beneficiary's data key under the key-encryption key: XChaCha20-Poly1305 (IETF),
/// `nonce (24) ‖ ciphertext (32) ‖ tag (16)`, bound to the beneficiary and the generation of
/// the key-encryption key (see `Docs/PRIVACY.md`).
enum DataKeyWrapping {
    /// Calls `body` with the associated data of `beneficiary`'s wrapped key at `generation`,
    /// `registro/v1|data-key|BENEFICIARY|GENERATION`, written in a buffer on the stack (an import
    /// wraps a key per new person); the bytes are valid only during the call.
    static func withAssociatedData<Result>(
        beneficiary: String, generation: Int, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        var beneficiary = beneficiary
        return beneficiary.withUTF8 { id in
            // The prefix, the id, `|` and at most 20 characters of a generation.
            withUnsafeTemporaryAllocation(byteCount: dataKeyPrefix.count + id.count + 21, alignment: 1) { buffer in
                let start = buffer.baseAddress!
                var end = start
                dataKeyPrefix.withUnsafeBytes { prefix in
                    end.copyMemory(from: prefix.baseAddress!, byteCount: prefix.count)
                    end += prefix.count
                }
                if let idStart = id.baseAddress {
                    end.copyMemory(from: idStart, byteCount: id.count)
                }
                end += id.count
                end.storeBytes(of: UInt8(ascii: "|"), as: UInt8.self)
                end += 1
                end += withDecimalText(Int64(generation)) { digits in
                    end.copyMemory(from: digits.baseAddress!, byteCount: digits.count)
                    return digits.count
                }
                return body(UnsafeRawBufferPointer(start: start, count: end - start))
            }
        }
    }

    /// The associated data's first bytes, `registro/v1|data-key|`.
    private static let dataKeyPrefix = Array("registro/v1|data-key|".utf8)

    /// The length of a wrapped key: nonce, the sealed key and the tag.
    static let wrappedCount = AEAD.nonceLength + SecretKey.byteCount + AEAD.tagLength

    /// Wraps `dataKey` for `beneficiary` under the key-encryption key of `generation`, with a
    /// nonce from `random` when given. The key is copied straight into the wrapped key's own
    /// bytes and sealed there in place.
    static func wrap(
        _ dataKey: SecretKey, beneficiary: String, kek: SecretKey, generation: Int, random: RandomPool? = nil
    ) -> [UInt8] {
        var wrapped = [UInt8].zeroed(count: wrappedCount)
        wrapped.withUnsafeMutableBytes { box in
            let start = box.baseAddress!
            dataKey.withUnsafeBytes { key in
                (start + AEAD.nonceLength).copyMemory(from: key, byteCount: SecretKey.byteCount)
            }
            let count = withAssociatedData(beneficiary: beneficiary, generation: generation) { ad in
                AEAD.sealInPlace(start, count: SecretKey.byteCount, associatedData: ad, key: kek, random: random)
            }
            assert(count == wrappedCount)
        }
        return wrapped
    }

    /// Unwraps a data key made by `wrap`.
    ///
    /// - Throws: `RegistroError` (invalid data, as for any damaged database) when the wrapped
    ///   key does not open: the database was altered or belongs to another keyring.
    static func unwrap(_ wrapped: [UInt8], beneficiary: String, kek: SecretKey, generation: Int) throws -> SecretKey {
        let opened = wrapped.withUnsafeBytes { box in
            withAssociatedData(beneficiary: beneficiary, generation: generation) { ad in
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
        var text = normalisedCodiceFiscale
        return text.withUTF8 { BLAKE2b.hash(UnsafeRawBufferPointer($0), key: key) }
    }
}
