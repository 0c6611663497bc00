import CSodium

/// XChaCha20-Poly1305 (IETF) authenticated encryption, the one cipher of the registry.
///
/// A sealed box is `nonce (24 bytes) ‖ ciphertext ‖ tag (16 bytes)`, with a fresh random nonce
/// per message, as libsodium's documentation recommends for this construction.
enum AEAD {
    /// Length of the random nonce that starts every sealed box.
    static let nonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    /// Length of the authentication tag that ends every sealed box.
    static let tagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Seals `plaintext` under `key`, binding it to `associatedData`, and appends the box to
    /// `output`. The nonce comes from `random` when given (bulk sealing), else straight from
    /// `randombytes_buf`.
    static func seal(
        _ plaintext: UnsafeRawBufferPointer,
        associatedData: UnsafeRawBufferPointer,
        key: SecretKey,
        random: RandomPool? = nil,
        appendingTo output: inout [UInt8]
    ) {
        Sodium.ensureInitialised()
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: nonceLength + plaintext.count + tagLength))
        output.withUnsafeMutableBufferPointer { buffer in
            let nonce = buffer.baseAddress! + start
            if let random {
                random.fill(nonce, count: nonceLength)
            } else {
                randombytes_buf(nonce, nonceLength)
            }
            var written: UInt64 = 0
            _ = key.withUnsafeBytes { keyBytes in
                crypto_aead_xchacha20poly1305_ietf_encrypt(
                    nonce + nonceLength, &written,
                    plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plaintext.count),
                    associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt64(associatedData.count),
                    nil, nonce, keyBytes)
            }
        }
    }

    /// Opens a box made by `seal`, or returns `nil` when the key, the associated data or the
    /// bytes do not match.
    static func open(
        _ box: UnsafeRawBufferPointer,
        associatedData: UnsafeRawBufferPointer,
        key: SecretKey
    ) -> [UInt8]? {
        Sodium.ensureInitialised()
        guard box.count >= nonceLength + tagLength else { return nil }
        let plaintextLength = box.count - nonceLength - tagLength
        // One spare byte keeps the output pointer valid for an empty plaintext.
        var plaintext = [UInt8](repeating: 0, count: plaintextLength + 1)
        var written: UInt64 = 0
        let status = plaintext.withUnsafeMutableBufferPointer { out in
            key.withUnsafeBytes { keyBytes in
                let nonce = box.baseAddress!.assumingMemoryBound(to: UInt8.self)
                return crypto_aead_xchacha20poly1305_ietf_decrypt(
                    out.baseAddress, &written, nil,
                    nonce + nonceLength, UInt64(box.count - nonceLength),
                    associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt64(associatedData.count),
                    nonce, keyBytes)
            }
        }
        guard status == 0 else {
            sodium_memzero(&plaintext, plaintext.count)
            return nil
        }
        plaintext.removeLast()
        return plaintext
    }
}
