import Foundation

extension Accounts {
    /// The prefix of every API token, so that one found in a file is recognised.
    static let tokenPrefix = "rgt_"

    /// Creates an API token for `user`, named `name` and expiring after `days` days.
    ///
    /// - Throws: `RegistroError` (invalid data) for an empty or overlong name or days out of
    ///   range.
    public func createAPIToken(for user: Operator, name: String, expiresInDays days: Int) throws -> NewAPIToken {
        try Validators.requireText(name, field: .name, maximumLength: 100)
        guard (1...rules.maximumTokenDays).contains(days) else {
            throw RegistroError(
                .invalidData, field: nil, "expires_in_days: a token lasts 1 to \(rules.maximumTokenDays) days",
                key: .account(.tokenDaysOutOfRange(maximum: rules.maximumTokenDays)))
        }
        let id = "T" + String(Base32.encode(Sodium.randomBytes(8)).prefix(12))
        let token = Self.tokenPrefix + Self.newToken()
        let expiresAt = timestamp(in: TimeInterval(days) * 86_400)
        try registry.database.write { db in
            try APITokenRecord.create(
                id, digest: Self.digest(ofToken: token), of: user.id, name: name, at: now(), expiresAt: expiresAt, db)
            try AuditLog.append(
                AuditEvent(by: user, action: .createToken, resource: .apiToken(id), decision: .allow), in: db)
        }
        return NewAPIToken(id: id, token: token, expiresAt: expiresAt)
    }

    /// Revokes the API token `id` of `user`.
    ///
    /// - Throws: `RegistroError` (invalid data) when `user` has no such token: another user's
    ///   token is answered as one that does not exist.
    public func revokeAPIToken(_ id: String, by user: Operator) throws {
        defer { signedIn.forgetAll() }
        try registry.database.write { db in
            guard try APITokenRecord.revoke(id, of: user.id, at: now(), db) else {
                throw RegistroError(
                    .notFound, field: nil, "you have no active token `\(id)`; list yours to check the id",
                    key: .account(.tokenNotFound(id)))
            }
            try AuditLog.append(
                AuditEvent(by: user, action: .revokeToken, resource: .apiToken(id), decision: .allow), in: db)
        }
    }

    /// The API tokens of `user`, newest first.
    public func apiTokens(of user: Operator) throws -> [APITokenInfo] {
        try registry.database.read { db in try APITokenRecord.all(of: user.id, db).map(\.info) }
    }

    /// The user of the API token `token`, or `nil` when it is unknown, revoked, expired, or its
    /// account disabled. A token checked less than a second ago is answered from memory
    /// (`SignedInUserCache`).
    public func user(forAPIToken token: String) throws -> SignedInUser? {
        guard token.hasPrefix(Self.tokenPrefix) else { return nil }
        let digest = Self.digest(ofToken: token)
        let checkedAt = rules.now()
        if let known = remembered(digest, at: checkedAt, asSession: false) { return known }
        let generation = signedIn.generation
        let found = try registry.database.read { db in
            try APITokenRecord.active(digest, now: Timestamp.format(checkedAt), db)
        }
        guard let found else { return nil }
        let user = SignedInUser(
            session: try registry.session(as: found.userID, clock: rules.now), credential: .apiToken(id: found.id))
        signedIn.remember(user, for: digest, checkedAt: checkedAt, generation: generation)
        return user
    }
}
