import CSodium

/// Ed25519 signatures through libsodium's `crypto_sign` (detached mode), for the audit log's
/// checkpoints.
public enum Ed25519 {
    /// The length of a public key, in bytes.
    public static let publicKeyLength = Int(crypto_sign_PUBLICKEYBYTES)
    /// The length of a signature, in bytes.
    public static let signatureLength = Int(crypto_sign_BYTES)

    /// A signing key pair made from a 32-byte seed with `crypto_sign_seed_keypair`; the same
    /// seed always gives the same pair. The 64-byte secret key is wiped when the pair is
    /// released.
    final class KeyPair: @unchecked Sendable {
        /// The public key, safe to publish.
        let publicKey: [UInt8]
        /// libsodium's secret key: the seed followed by the public key.
        private let secretKey: UnsafeMutableRawBufferPointer

        /// The key pair whose seed is `seed`.
        init(seed: SecretKey) {
            Sodium.ensureInitialised()
            precondition(SecretKey.byteCount == Int(crypto_sign_SEEDBYTES))
            secretKey = .allocate(byteCount: Int(crypto_sign_SECRETKEYBYTES), alignment: 16)
            var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            let secret = secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self)
            _ = seed.withUnsafeBytes { seedBytes in
                crypto_sign_seed_keypair(&publicKey, secret, seedBytes)
            }
            self.publicKey = publicKey
        }

        deinit {
            sodium_memzero(secretKey.baseAddress, secretKey.count)
            secretKey.deallocate()
        }

        /// The detached 64-byte signature of `message`.
        func sign(_ message: [UInt8]) -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            _ = crypto_sign_detached(
                &signature, nil, message, UInt64(message.count),
                secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self))
            return signature
        }
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` under `publicKey`;
    /// `false` for keys or signatures of the wrong length.
    public static func isValid(signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        Sodium.ensureInitialised()
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
