/// What `audit key` shows of the key that signs the audit log's checkpoints.
public struct AuditKeyInfo: Sendable, Equatable {
    /// The Ed25519 public key in force, to compare with the one the privacy officer noted.
    public var publicKey: [UInt8]
    /// The first entry whose checkpoints it signs.
    public var since: Int64
    /// Whether it is the registry's own key, kept in `file`; `false` for a registry made before
    /// audit keys of their own, whose key is derived from the root key.
    public var isOwn: Bool
    /// Where the registry's own key is (or would be made by `audit key --create`).
    public var file: String

    /// Creates the description of a key.
    public init(publicKey: [UInt8], since: Int64, isOwn: Bool, file: String) {
        self.publicKey = publicKey
        self.since = since
        self.isOwn = isOwn
        self.file = file
    }
}
