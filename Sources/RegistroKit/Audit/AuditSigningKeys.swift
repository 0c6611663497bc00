import Foundation

/// The public keys that signed the registry's checkpoints, each from the entry it signs
/// first: a checkpoint of entry N must be signed by the key with the greatest start not above
/// N. Read from the table `audit_key`, or, for a registry that never had a key of its own,
/// from the single key recorded in `registry_meta`.
struct AuditSigningKeys: Sendable, Equatable {
    /// A key and the first entry whose checkpoints it signs.
    struct Key: Sendable, Equatable {
        /// The first entry whose checkpoints the key signs.
        let since: Int64
        /// The Ed25519 public key.
        let publicKey: [UInt8]
    }

    /// The keys, by increasing `since`.
    let keys: [Key]

    /// The key that must have signed a checkpoint of entry `seq`; `nil` when the registry
    /// recorded no key, and then any signature is checked only against the checkpoint's own key.
    func key(for seq: Int64) -> [UInt8]? {
        keys.last { $0.since <= seq }?.publicKey ?? keys.first?.publicKey
    }

    /// The key signing new checkpoints.
    var current: [UInt8]? { keys.last?.publicKey }

    /// Whether the current key is the registry's own, kept in `<db>.audit-key`, rather than
    /// one derived from the root key.
    let currentIsOwn: Bool

    /// Keys from their starts and public keys, in any order; the latest is kept in a file if
    /// `ownKey`.
    init(_ keys: [Key], currentIsOwn ownKey: Bool) {
        self.keys = keys.sorted { $0.since < $1.since }
        currentIsOwn = ownKey
    }

    /// The keys recorded in `db`.
    static func load(_ db: RegistryDatabase.Connection) throws -> AuditSigningKeys {
        let records = try AuditKeyRecord.all(db)
        if let last = records.last {
            return AuditSigningKeys(
                records.map { Key(since: $0.sinceSeq, publicKey: Array($0.publicKey)) },
                currentIsOwn: last.origin == AuditKeyRecord.Origin.file.rawValue)
        }
        let legacy = try AuditKeyRecord.legacyKey(db)
        return AuditSigningKeys(legacy.map { [Key(since: 1, publicKey: $0)] } ?? [], currentIsOwn: false)
    }

    /// Records `publicKey`, kept in a file, as the key of checkpoints from entry `since` on; the
    /// key it replaces, derived from the root key, is recorded first when it was not yet.
    static func recordOwnKey(_ publicKey: [UInt8], since: Int64, _ db: RegistryDatabase.Connection) throws {
        let existing = try load(db)
        if try AuditKeyRecord.none(db), let legacy = existing.current {
            try AuditKeyRecord.record(legacy, since: 1, origin: .keyring, db)
        }
        try AuditKeyRecord.record(publicKey, since: since, origin: .file, db)
        try AuditKeyRecord.recordCurrent(publicKey, db)
    }
}
