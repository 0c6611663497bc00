/// An API token as its owner sees it after creation: never the token itself.
public struct APITokenInfo: Sendable, Equatable {
    /// The token's id, for revoking it.
    public let id: String
    /// The owner's name for it.
    public let name: String
    /// When it was made.
    public let createdAt: String
    /// When it stops working.
    public let expiresAt: String
    /// When it was revoked, if it was.
    public let revokedAt: String?
}

/// A new API token: shown once, stored only as its digest.
public struct NewAPIToken: Sendable {
    /// The token's id.
    public let id: String
    /// The token, for `Authorization: Bearer`.
    public let token: String
    /// When it stops working.
    public let expiresAt: String
}
