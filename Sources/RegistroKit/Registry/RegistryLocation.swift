/// Where a registry's two files live: the database and, apart from it, the keyring.
public struct RegistryLocation: Sendable, Equatable {
    /// The SQLite database file.
    public var database: String
    /// The keyring file holding the root key.
    public var keyring: String

    /// The location of a registry whose database is `database`; the keyring defaults to the
    /// database path with `.keyring` appended.
    public init(database: String, keyring: String? = nil) {
        self.database = database
        self.keyring = keyring ?? database + ".keyring"
    }
}
