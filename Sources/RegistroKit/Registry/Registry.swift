import Foundation

/// A registry: its database, its keyring, and every operation on them.
///
/// The keyring is opened lazily, the first time an operation needs a key, so commands that
/// touch no personal field never ask for the passphrase.
public final class Registry: @unchecked Sendable {
    /// Where the registry's files are.
    public let location: RegistryLocation
    /// The database.
    let database: RegistryDatabase
    /// Asks for the keyring's passphrase when a sealed keyring must be opened.
    private let passphrase: () throws -> String
    /// The keys, once the keyring is open.
    private var unlockedKeys: KeyMaterial?
    private let lock = NSLock()

    private init(location: RegistryLocation, database: RegistryDatabase, passphrase: @escaping () throws -> String) {
        self.location = location
        self.database = database
        self.passphrase = passphrase
    }

    /// Meta keys of `registry_meta`.
    enum Meta {
        static let formatVersion = "format_version"
        static let keyCheck = "key_check"
        static let keyGeneration = "kek_generation"
        static let createdAt = "created_at"
    }

    /// Creates a new registry: a keyring holding a fresh root key, an audit key of its own
    /// (`<db>.audit-key`, random, never derived from the root key) and a database (all mode
    /// 0600), with an optional first network.
    ///
    /// - Parameters:
    ///   - location: Where to create the database and the keyring; neither may exist.
    ///   - protection: How the keyring protects the root key.
    ///   - network: A network to create at once, e.g. the territorial partnership.
    /// - Throws: `RegistroError` when a file exists already or cannot be written; nothing is
    ///   left behind on failure.
    public static func create(
        at location: RegistryLocation, protection: KeyringProtection, network: Network? = nil
    ) throws -> Registry {
        if FileManager.default.fileExists(atPath: location.database) {
            throw RegistroError.usage(
                .database,
                "a registry exists already at `\(location.database)`; choose another file or remove it first",
                key: .storage(.registryExists(location.database)))
        }
        if AuditKeyFile.exists(at: location.auditKey) {
            throw RegistroError.usage(
                .database,
                "an audit key exists already at `\(location.auditKey)`; choose another file or remove it first",
                key: .storage(.auditKeyExists(location.auditKey)))
        }
        let root = try Keyring.create(at: location.keyring, protection: protection)
        let keys = KeyMaterial(root: root, generation: 0)
        do {
            let auditKey = try AuditKeyFile.create(at: location.auditKey)
            let database = try RegistryDatabase.create(at: location.database)
            try database.write { db in
                let now = Timestamp.now()
                for (key, value) in [
                    (Meta.formatVersion, "1"), (Meta.keyCheck, root.checkValue),
                    (Meta.keyGeneration, "0"), (Meta.createdAt, now),
                ] {
                    try RegistryMetaRecord.insert(key, value, db)
                }
                try AuditSigningKeys.recordOwnKey(auditKey.publicKey, since: 1, db)
                try AuditLog.append(AuditEvent(action: .initialise, resource: .registry, decision: .allow), in: db)
                if let network {
                    try Validators.requireSlug(network.id, field: .network)
                    try Validators.requireText(network.name, field: .networkName)
                    try insertNetwork(network, by: nil, db)
                }
            }
            let registry = Registry(location: location, database: database, passphrase: { "" })
            registry.unlockedKeys = keys
            return registry
        } catch {
            try? FileManager.default.removeItem(atPath: location.keyring)
            try? FileManager.default.removeItem(atPath: location.auditKey)
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: location.database + suffix)
            }
            throw error
        }
    }

    /// Opens an existing registry. The keyring is read later, when a key is first needed.
    ///
    /// - Parameters:
    ///   - location: Where the database and keyring are.
    ///   - passphrase: Supplies the keyring's passphrase if the keyring is sealed; called at
    ///     most once.
    ///   - allowingClearSpecialCodes: Opens a registry that still keeps special-category
    ///     vulnerabilities in clear, only to seal them (`sealSpecialVulnerabilities`).
    /// - Throws: `RegistroError` when the database is missing, damaged, newer than this
    ///   version of registro, readable by other users, or keeps special categories in clear.
    public static func open(
        at location: RegistryLocation, passphrase: @escaping () throws -> String,
        allowingClearSpecialCodes: Bool = false
    ) throws -> Registry {
        let database = try RegistryDatabase.openExisting(at: location.database)
        if !allowingClearSpecialCodes { try refuseSpecialCodesInClear(database) }
        return Registry(location: location, database: database, passphrase: passphrase)
    }

    /// The registry's keys, opening the keyring on first use; at the newest key-encryption
    /// generation they met since, so that a process that holds the registry open (the server)
    /// follows a key rotation made by another process once it has read a data key wrapped under
    /// the new generation, or written after it.
    ///
    /// - Throws: `RegistroError` (invalid data) when the keyring is missing, damaged, sealed
    ///   under another passphrase, or belongs to another registry.
    func keys() throws -> KeyMaterial {
        lock.lock()
        defer { lock.unlock() }
        if let unlockedKeys {
            let current = unlockedKeys.atNewestGenerationMet
            if current.generation != unlockedKeys.generation { self.unlockedKeys = current }
            return current
        }
        let root = try Keyring.unlock(at: location.keyring, passphrase: passphrase)
        let (check, generation) = try database.read { db in
            (
                try RegistryMetaRecord.value(of: Meta.keyCheck, db),
                try RegistryMetaRecord.value(of: Meta.keyGeneration, db)
            )
        }
        guard let check, let generation = generation.flatMap(Int.init) else {
            throw RegistroError(
                .invalidData, field: nil,
                "the registry `\(location.database)` has no key check value: it is damaged; restore it from a backup",
                key: .storage(.registryDamaged(location.database)))
        }
        guard check == root.checkValue else {
            throw RegistroError.invalidData(
                .keyring, "the keyring `\(location.keyring)` does not belong to the registry `\(location.database)`",
                hint: .useMatchingKeyring,
                key: .storage(.keyringNotThisRegistry(keyring: location.keyring, database: location.database)))
        }
        let keys = KeyMaterial(root: root, generation: generation)
        unlockedKeys = keys
        return keys
    }

    /// Replaces the keys in use after they changed (a key rotation), unless they are already of
    /// a later generation (two rotations answered out of order).
    func replaceKeys(_ keys: KeyMaterial) {
        lock.lock()
        defer { lock.unlock() }
        if let unlockedKeys, unlockedKeys.generation > keys.generation { return }
        unlockedKeys = keys
    }
}
