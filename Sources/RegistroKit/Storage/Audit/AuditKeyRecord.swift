import Foundation
import GRDB

/// A row of `audit_key`: a public key that signs the registry's checkpoints from an entry on.
struct AuditKeyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "audit_key"

    /// The columns of `audit_key`.
    enum Columns {
        static let sinceSeq = Column(CodingKeys.sinceSeq)
    }

    /// Where a key is kept: `file` for the registry's own audit key, `keyring` for one derived
    /// from the root key.
    enum Origin: String {
        case keyring, file
    }

    /// The Ed25519 public key.
    var publicKey: Data
    /// The first entry whose checkpoints it signs.
    var sinceSeq: Int64
    /// Where the key is kept, as stored.
    var origin: String

    enum CodingKeys: String, CodingKey {
        case origin
        case publicKey = "public_key"
        case sinceSeq = "since_seq"
    }

    /// Every key recorded, by increasing first entry.
    static func all(_ db: Database) throws -> [AuditKeyRecord] {
        try AuditKeyRecord.order(Columns.sinceSeq).fetchAll(db)
    }

    /// Whether no key is recorded yet.
    static func none(_ db: Database) throws -> Bool {
        try AuditKeyRecord.fetchCount(db) == 0
    }

    /// Records `publicKey`, kept at `origin`, as the key of checkpoints from entry `since` on.
    static func record(_ publicKey: [UInt8], since: Int64, origin: Origin, _ db: Database) throws {
        try AuditKeyRecord(publicKey: Data(publicKey), sinceSeq: since, origin: origin.rawValue).insert(db)
    }

    /// The single key recorded in `registry_meta` by a registry that never had one of its own.
    static func legacyKey(_ db: Database) throws -> [UInt8]? {
        try RegistryMetaRecord.value(of: Registry.auditPublicKeyMeta, db).flatMap(Hex.decode)
    }

    /// Records `publicKey` as the registry's current key in `registry_meta`, replacing any.
    static func recordCurrent(_ publicKey: [UInt8], _ db: Database) throws {
        try RegistryMetaRecord(key: Registry.auditPublicKeyMeta, value: Hex.encode(publicKey)).upsert(db)
    }
}
