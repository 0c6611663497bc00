import Foundation

/// The file holding the registry's audit signing key (`<db>.audit-key`, mode 0600): the seed
/// of the Ed25519 key pair that signs checkpoints of the audit log. The seed is random, never
/// derived from the root key, so holding the keyring does not let anyone sign; it is kept by
/// the server or the operator, never by users. Its format is documented in `Docs/PRIVACY.md`.
enum AuditKeyFile {
    /// The file's `format` marker.
    static let formatName = "registro-audit-key"

    /// The JSON document stored in the file.
    private struct Document: Codable {
        var format: String
        var version: Int
        var algorithm: String
        /// The 32-byte seed, in hex.
        var seed: String
        /// The public key, in hex, so the file says which key it holds.
        var publicKey: String

        enum CodingKeys: String, CodingKey {
            case format, version, algorithm, seed
            case publicKey = "public_key"
        }
    }

    /// Creates the file at `path` holding a fresh random seed, and returns its key pair.
    ///
    /// - Throws: `RegistroError` when a file exists at `path` or it cannot be written.
    static func create(at path: String) throws -> Ed25519.KeyPair {
        let seed = SecretKey.random()
        let pair = Ed25519.KeyPair(seed: seed)
        let document = Document(
            format: formatName, version: 1, algorithm: "ed25519", seed: Hex.encode(seed.bytes),
            publicKey: Hex.encode(pair.publicKey))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.create(at: path, contents: try encoder.encode(document) + Data("\n".utf8), what: "audit key")
        return pair
    }

    /// Whether a file exists at `path`.
    static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Reads the key pair in the file at `path`.
    ///
    /// - Throws: `RegistroError` (invalid data) when the file is missing, readable by other
    ///   users, damaged, or its public key is not its seed's.
    static func load(at path: String) throws -> Ed25519.KeyPair {
        guard exists(at: path) else {
            throw RegistroError.invalidData(
                .auditKey, "no audit key at `\(path)`; put this registry's audit key there", hint: .createAuditKey,
                key: .storage(.auditKeyMissing(path)))
        }
        try PrivateFile.requireOwnerOnly(at: path, what: "audit key")
        guard let data = FileManager.default.contents(atPath: path),
            let document = try? JSONDecoder().decode(Document.self, from: data),
            document.format == formatName
        else {
            throw RegistroError(
                .invalidData, field: nil,
                "`\(path)` is not a Registro audit key or is damaged; restore it from your backup",
                key: .storage(.auditKeyDamaged(path)))
        }
        guard document.version == 1, document.algorithm == "ed25519" else {
            throw RegistroError(
                .invalidData, field: nil,
                "the audit key `\(path)` has version \(document.version), algorithm `\(document.algorithm)`, "
                    + "which this registro does not know; upgrade registro",
                key: .storage(.auditKeyNewer(path)))
        }
        guard var seed = Hex.decode(document.seed), seed.count == SecretKey.byteCount else {
            throw RegistroError(
                .invalidData, field: nil,
                "the audit key `\(path)` is damaged: its seed is malformed; restore it from your backup",
                key: .storage(.auditKeyDamaged(path)))
        }
        defer { for index in seed.indices { seed[index] = 0 } }
        let pair = Ed25519.KeyPair(seed: SecretKey(bytes: seed))
        guard Hex.decode(document.publicKey) == pair.publicKey else {
            throw RegistroError(
                .invalidData, field: nil,
                "the audit key `\(path)` is damaged: its public key is not its seed's; restore it from your backup",
                key: .storage(.auditKeyDamaged(path)))
        }
        return pair
    }
}
