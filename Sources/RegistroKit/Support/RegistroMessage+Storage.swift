extension RegistroMessage {
    /// The problems of the registry's files an operator meets when opening or creating a
    /// registry: the database, the keyring and its passphrase, the files kept private. Each
    /// names a path, never a personal value.
    public enum Storage: Sendable, Equatable {
        /// No registry database at this path.
        case registryMissing(String)
        /// A registry database exists already at this path.
        case registryExists(String)
        /// An audit key exists already at this path.
        case auditKeyExists(String)
        /// A file that is not a Registro database.
        case notARegistry(String)
        /// A registry made by a newer version of registro.
        case registryNewer(String)
        /// A damaged or altered registry, to restore from a backup.
        case registryDamaged(String)
        /// A registry the database engine cannot open, for `reason` (the engine's own words).
        case registryUnopenable(String, reason: String)
        /// A registry another process kept busy for `seconds`.
        case registryBusy(String, seconds: Int)
        /// The disk holding the registry is full.
        case diskFull(String)
        /// A registry the process may only read.
        case registryReadOnly(String)
        /// No keyring at this path.
        case keyringMissing(String)
        /// A keyring that is damaged, or not a keyring, to restore from a backup.
        case keyringDamaged(String)
        /// A keyring of a format newer than this registro knows.
        case keyringNewer(String)
        /// A keyring that belongs to another registry than `database`.
        case keyringNotThisRegistry(keyring: String, database: String)
        /// A passphrase that does not open the keyring.
        case passphraseWrong(keyring: String)
        /// A new passphrase of `count` characters, shorter than `minimum`.
        case passphraseTooShort(count: Int, minimum: Int)
        /// Too little memory to stretch a passphrase or hash a password.
        case outOfMemory
        /// A file the registry keeps private (keyring, database, audit key) exists already.
        case fileExists(String)
        /// A file that cannot be created or written, for `reason` (the system's words).
        case fileUnwritable(String, reason: String)
        /// A file that cannot be read, for `reason` (the system's words).
        case fileUnreadable(String, reason: String)
        /// A file that does not exist or cannot be opened for reading.
        case fileMissing(String)
        /// A private file other users of the machine may read.
        case fileOpenToOthers(String)
        /// A registry that keeps special-category vulnerabilities in clear, as older versions did.
        case specialInClear(String)
        /// Keys rotated to `generation`, but a reader kept the registry's files from being rewritten.
        case rotationHeldOpen(String, generation: Int)
        /// Special-category vulnerabilities sealed, but a reader kept the files from being rewritten.
        case sealingHeldOpen(String)
        /// Nothing erased, because a reader kept the registry's files from being rewritten.
        case erasureNotStarted(String)
        /// Person `id` erased in the records but not yet in the files, because a reader held them.
        case erasureHeldOpen(String, id: String)
        /// A witness file the system does not let registro open, lock, read, write or flush, for
        /// `reason` (the system's words).
        case witnessUnusable(String, reason: String)
        /// No audit key at this path.
        case auditKeyMissing(String)
        /// An audit key that is damaged, or not an audit key, to restore from a backup.
        case auditKeyDamaged(String)
        /// An audit key of a version this registro does not know.
        case auditKeyNewer(String)
        /// An audit key that is not the one recorded in `database`.
        case auditKeyNotThisRegistry(key: String, database: String)
        /// A registry that has an audit key of its own already, at this path.
        case auditKeyOwnAlready(String)
        /// A file that is not an audit checkpoint.
        case notACheckpoint(String)
        /// A checkpoint of a version this registro does not know.
        case checkpointNewer(String)
        /// A damaged checkpoint.
        case checkpointDamaged(String)
    }
}
