extension Registry {
    /// Opens the keyring now rather than at the first operation that needs a key: a server
    /// unlocks it once at start, so that a wrong passphrase stops it before it listens.
    ///
    /// - Throws: `RegistroError` when the keyring is missing, sealed under another passphrase,
    ///   or belongs to another registry.
    public func unlockKeyring() throws {
        _ = try keys()
    }
}
