import CSodium
import Foundation

/// How a new keyring protects the root key.
public enum KeyringProtection: Sendable {
    /// Sealed under a key derived from `passphrase` with Argon2id (`crypto_pwhash`).
    case passphrase(String)
    /// Stored raw, for demonstrations and tests only (`init --no-passphrase`).
    case none
}

/// The keyring file: the registry's root key, sealed under a passphrase or raw, kept apart from
/// the database with mode 0600. Its format is documented in `Docs/PRIVACY.md`.
public enum Keyring {
    /// The file's `format` marker.
    static let formatName = "registro-keyring"
    /// The associated data binding the sealed root key to this file format.
    static let associatedData = Array("registro-keyring/v1".utf8)

    /// The JSON document stored in the keyring file.
    struct Document: Codable {
        var format: String
        var version: Int
        /// `argon2id` or `none`.
        var protection: String
        /// Argon2id parameters, present when `protection` is `argon2id`.
        var kdf: KDFParameters?
        /// The root key: raw (32 bytes) or a sealed box (24-byte nonce, ciphertext, tag).
        var rootKey: Data

        enum CodingKeys: String, CodingKey {
            case format, version, protection, kdf
            case rootKey = "root_key"
        }
    }

    /// The Argon2id parameters that turn a passphrase into the key sealing the root key.
    struct KDFParameters: Codable {
        var algorithm: String
        var opslimit: UInt64
        var memlimit: Int
        var salt: Data
    }

    /// The fewest characters a new keyring's passphrase may have.
    static let minimumPassphraseLength = 12

    /// Creates a keyring at `path` holding a fresh root key, and returns that key. A passphrase
    /// is stretched with Argon2id at libsodium's MODERATE limits.
    ///
    /// - Throws: `RegistroError` when the passphrase is shorter than 12 characters, or a file
    ///   already exists at `path` or cannot be written.
    static func create(at path: String, protection: KeyringProtection) throws -> RootKey {
        let root = RootKey.generate()
        var document = Document(format: formatName, version: 1, protection: "none", kdf: nil, rootKey: Data())
        switch protection {
        case .none:
            document.rootKey = Data(root.key.bytes)
        case .passphrase(let passphrase):
            guard passphrase.count >= minimumPassphraseLength else {
                throw RegistroError.usage(
                    .passphrase,
                    "the passphrase has \(passphrase.count) characters and a keyring needs at least "
                        + "\(minimumPassphraseLength); choose a longer one (a few words make a good one)",
                    hint: .givePassphrase,
                    key: .storage(.passphraseTooShort(count: passphrase.count, minimum: minimumPassphraseLength)))
            }
            // Existing keyrings keep the parameters they were made with; new ones use MODERATE.
            let parameters = KDFParameters(
                algorithm: "argon2id13",
                opslimit: UInt64(crypto_pwhash_opslimit_moderate()),
                memlimit: crypto_pwhash_memlimit_moderate(),
                salt: Data(Sodium.randomBytes(Int(crypto_pwhash_SALTBYTES))))
            let sealingKey = try derivePassphraseKey(passphrase, parameters: parameters, path: path)
            var box: [UInt8] = []
            root.key.bytes.withUnsafeBytes { plaintext in
                associatedData.withUnsafeBytes { ad in
                    AEAD.seal(plaintext, associatedData: ad, key: sealingKey, appendingTo: &box)
                }
            }
            document.protection = "argon2id"
            document.kdf = parameters
            document.rootKey = Data(box)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.create(at: path, contents: try encoder.encode(document) + Data("\n".utf8), what: "keyring")
        return root
    }

    /// Reads the keyring at `path` and opens its root key, asking `passphrase` only when the
    /// keyring is sealed.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file is missing, unreadable, damaged,
    ///   readable by other users, or when the passphrase does not open it.
    static func unlock(at path: String, passphrase: () throws -> String) throws -> RootKey {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RegistroError.invalidData(
                .keyring, "no keyring at `\(path)`", hint: .findKeyring,
                key: .storage(.keyringMissing(path)))
        }
        try PrivateFile.requireOwnerOnly(at: path, what: "keyring")
        guard let data = FileManager.default.contents(atPath: path),
            let document = try? JSONDecoder().decode(Document.self, from: data),
            document.format == formatName
        else {
            throw RegistroError(
                .invalidData, field: nil,
                "`\(path)` is not a Registro keyring or is damaged; restore it from your backup",
                key: .storage(.keyringDamaged(path)))
        }
        guard document.version == 1 else {
            throw RegistroError(
                .invalidData, field: nil,
                "keyring `\(path)` has format version \(document.version), which this registro does not know; upgrade registro",
                key: .storage(.keyringNewer(path)))
        }
        switch (document.protection, document.kdf) {
        case ("none", _):
            guard document.rootKey.count == SecretKey.byteCount else {
                throw RegistroError(
                    .invalidData, field: nil,
                    "keyring `\(path)` is damaged: its root key has the wrong length; restore it from your backup",
                    key: .storage(.keyringDamaged(path)))
            }
            return RootKey(SecretKey(bytes: document.rootKey))
        case ("argon2id", let parameters?):
            let sealingKey = try derivePassphraseKey(try passphrase(), parameters: parameters, path: path)
            let opened = document.rootKey.withUnsafeBytes { box in
                associatedData.withUnsafeBytes { ad in AEAD.open(box, associatedData: ad, key: sealingKey) }
            }
            guard var rootBytes = opened, rootBytes.count == SecretKey.byteCount else {
                throw RegistroError.invalidData(
                    .passphrase, "the passphrase does not open the keyring `\(path)`", hint: .retypePassphrase,
                    key: .storage(.passphraseWrong(keyring: path)))
            }
            defer { sodium_memzero(&rootBytes, rootBytes.count) }
            return RootKey(SecretKey(bytes: rootBytes))
        default:
            throw RegistroError(
                .invalidData, field: nil, "keyring `\(path)` uses an unknown protection; restore it from your backup",
                key: .storage(.keyringDamaged(path)))
        }
    }

    /// The key derived from `passphrase` with Argon2id and `parameters`.
    private static func derivePassphraseKey(
        _ passphrase: String, parameters: KDFParameters, path: String
    ) throws -> SecretKey {
        Sodium.ensureInitialised()
        guard parameters.algorithm == "argon2id13", parameters.salt.count == Int(crypto_pwhash_SALTBYTES) else {
            throw RegistroError(
                .invalidData, field: nil,
                "keyring `\(path)` has unknown key-derivation parameters; restore it from your backup",
                key: .storage(.keyringDamaged(path)))
        }
        var status: Int32 = 0
        let key = SecretKey { output in
            status = parameters.salt.withUnsafeBytes { salt in
                passphrase.withCString { text in
                    crypto_pwhash(
                        output, UInt64(SecretKey.byteCount), text, UInt64(strlen(text)),
                        salt.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        parameters.opslimit, parameters.memlimit, crypto_pwhash_ALG_ARGON2ID13)
                }
            }
        }
        guard status == 0 else {
            throw RegistroError(
                .internal, field: nil,
                "the machine has not enough memory to derive the keyring key; free memory and try again",
                key: .storage(.outOfMemory))
        }
        return key
    }
}
