/// Where a registry's files live: the database and, apart from it, the keyring, the audit
/// signing key and the audit log's witness.
public struct RegistryLocation: Sendable, Equatable {
    /// The SQLite database file.
    public var database: String
    /// The keyring file holding the root key.
    public var keyring: String
    /// The file holding the key that signs the audit log's checkpoints.
    public var auditKey: String
    /// The audit log's witness, to which a signed checkpoint is appended after every change.
    public var witness: String

    /// The location of a registry whose database is `database`; the keyring, audit key and
    /// witness default to the database path with `.keyring`, `.audit-key` and `.witness`
    /// appended.
    public init(database: String, keyring: String? = nil, auditKey: String? = nil, witness: String? = nil) {
        self.database = database
        self.keyring = keyring ?? database + ".keyring"
        self.auditKey = auditKey ?? database + ".audit-key"
        self.witness = witness ?? database + ".witness"
    }
}
