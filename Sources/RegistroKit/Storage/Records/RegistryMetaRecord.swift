import GRDB

/// A row of `registry_meta`: one fact about the registry itself (format version, key check
/// value, key generation, creation time, audit public key).
struct RegistryMetaRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "registry_meta"

    /// The columns of `registry_meta`.
    enum Columns {
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }

    var key: String
    var value: String

    /// The value of `key`, if recorded.
    static func value(of key: String, _ db: Database) throws -> String? {
        try RegistryMetaRecord.fetchOne(db, key: key)?.value
    }

    /// Records `value` for `key`, which must not be recorded yet.
    static func insert(_ key: String, _ value: String, _ db: Database) throws {
        try RegistryMetaRecord(key: key, value: value).insert(db)
    }

    /// Records `value` for `key` unless `key` is recorded already.
    static func insertIfAbsent(_ key: String, _ value: String, _ db: Database) throws {
        try RegistryMetaRecord(key: key, value: value).insert(db, onConflict: .ignore)
    }

    /// Replaces the value of `key`.
    static func update(_ key: String, to value: String, _ db: Database) throws {
        _ = try RegistryMetaRecord.filter(Columns.key == key).updateAll(db, Columns.value.set(to: value))
    }
}
