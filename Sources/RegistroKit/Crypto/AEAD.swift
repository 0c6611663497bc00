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
        let boxCount = nonceLength + plaintext.count + tagLength
        output.reserveCapacity(output.count + boxCount)
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: boxCount))
        output.withUnsafeMutableBytes { buffer in
            let box = buffer.baseAddress! + start
            if let plaintext = plaintext.baseAddress {
                (box + nonceLength).copyMemory(from: plaintext, byteCount: boxCount - nonceLength - tagLength)
            }
            _ = sealInPlace(box, count: plaintext.count, associatedData: associatedData, key: key, random: random)
        }
    }

    /// Seals in place the `count` bytes of plaintext at `box + nonceLength`, bound to
    /// `associatedData` under `key`: writes the nonce before them (from `random` when given, else
    /// straight from `randombytes_buf`), turns them into the ciphertext and writes the tag after
    /// it, so that `box` holds `nonce ‖ ciphertext ‖ tag` and no plaintext. Returns the box's
    /// length, `nonceLength + count + tagLength`, the room `box` must have.
    static func sealInPlace(
        _ box: UnsafeMutableRawPointer, count: Int, associatedData: UnsafeRawBufferPointer, key: SecretKey,
        random: RandomPool? = nil
    ) -> Int {
        Sodium.ensureInitialised()
        let nonce = box.assumingMemoryBound(to: UInt8.self)
        if let random {
            random.fill(nonce, count: nonceLength)
        } else {
            randombytes_buf(nonce, nonceLength)
        }
        let text = nonce + nonceLength
        var written: UInt64 = 0
        // libsodium encrypts in place: the ciphertext may start where the plaintext does.
        _ = key.withUnsafeBytes { keyBytes in
            crypto_aead_xchacha20poly1305_ietf_encrypt(
                text, &written, text, UInt64(count),
                associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(associatedData.count),
                nil, nonce, keyBytes)
        }
        return nonceLength + Int(written)
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
