import Foundation
import CSodium

/// BLAKE2b through libsodium's `crypto_generichash`, keyed or not.
public enum BLAKE2b {
    /// The digest length the registry uses everywhere, in bytes.
    public static let digestLength = 32

    /// The 32-byte BLAKE2b digest of `input`, keyed with `key` when one is given.
    static func hash(_ input: some ContiguousBytes, key: SecretKey? = nil) -> [UInt8] {
        Sodium.ensureInitialised()
        var digest = [UInt8].zeroed(count: digestLength)
        digest.withUnsafeMutableBufferPointer { digest in
            input.withUnsafeBytes { bytes in
                let inputPointer = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                if let key {
                    key.withUnsafeBytes { keyBytes in
                        _ = crypto_generichash(
                            digest.baseAddress!, digestLength, inputPointer, UInt64(bytes.count),
                            keyBytes, SecretKey.byteCount)
                    }
                } else {
                    _ = crypto_generichash(
                        digest.baseAddress!, digestLength, inputPointer, UInt64(bytes.count), nil, 0)
                }
            }
        }
        return digest
    }

    /// Writes the unkeyed 32-byte BLAKE2b digest of `input` to `digest`, allocating nothing:
    /// for hashing millions of small inputs (audit verification).
    static func hash(_ input: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count == digestLength)
        Sodium.ensureInitialised()
        _ = crypto_generichash(
            digest.baseAddress!.assumingMemoryBound(to: UInt8.self), digestLength,
            input.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(input.count), nil, 0)
    }

    /// The unkeyed 32-byte BLAKE2b digest of `input`, for evidence files and import digests.
    public static func digest(_ input: some ContiguousBytes) -> [UInt8] {
        hash(input)
    }

    /// The unkeyed 32-byte BLAKE2b digest of the file at `path`, read in chunks.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file cannot be read.
    public static func digest(ofFileAt path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RegistroError(
                .invalidData, field: nil, "cannot read `\(path)`; check that the file exists and is readable",
                key: .storage(.fileMissing(path)))
        }
        defer { try? handle.close() }
        let hasher = Hasher()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize()
    }

    /// An incremental unkeyed BLAKE2b digest, for files read in chunks.
    public final class Hasher {
        /// libsodium's hash state, which it requires 64-byte aligned.
        private let state: UnsafeMutableRawPointer

        /// Starts a new 32-byte digest.
        public init() {
            Sodium.ensureInitialised()
            state = .allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
            crypto_generichash_init(OpaquePointer(state), nil, 0, BLAKE2b.digestLength)
        }

        deinit {
            state.deallocate()
        }

        /// Feeds `bytes` to the digest.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            crypto_generichash_update(
                OpaquePointer(state), bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
        }

        /// The digest of everything fed so far; call it once, at the end.
        public func finalize() -> [UInt8] {
            var digest = [UInt8](repeating: 0, count: BLAKE2b.digestLength)
            crypto_generichash_final(OpaquePointer(state), &digest, BLAKE2b.digestLength)
            return digest
        }
    }
}
