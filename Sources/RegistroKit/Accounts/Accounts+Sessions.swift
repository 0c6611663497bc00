import Foundation

/// A user recognised by a session cookie or an API token, with the library session that acts
/// for them.
public struct SignedInUser: Sendable, Equatable {
    /// How the user was recognised.
    public enum Credential: Sendable, Equatable {
        /// A login session, whose state-changing requests carry `csrf`.
        case session(csrf: String)
        /// An API token, by its id.
        case apiToken(id: String)
    }

    /// The user's session: every operation on their behalf goes through it.
    public let session: Session
    /// The session or token that proved it.
    public let credential: Credential

    /// The user.
    public var user: Operator { session.user }

    public static func == (lhs: SignedInUser, rhs: SignedInUser) -> Bool {
        lhs.user == rhs.user && lhs.credential == rhs.credential
    }
}

extension Accounts {
    /// How often a session's last use is written down: more often would write on every request.
    static let lastSeenResolution: TimeInterval = 60

    /// Opens a new session for `user` (renewed at every login: a new random token), and forgets
    /// the sessions unused for a session's whole lifetime (all of them ended): an ended session
    /// is kept that long only to tie a form posted after its end to its user
    /// (`userOfRecentSession`).
    func openSession(for user: Operator, _ db: RegistryDatabase.Connection) throws -> String {
        try LoginSessionRecord.deleteUnused(since: timestamp(in: -rules.sessionLifetime), db)
        let token = Self.newToken()
        try LoginSessionRecord.open(
            Self.digest(ofToken: token), of: user.id, at: now(), expiresAt: timestamp(in: rules.sessionLifetime), db)
        return token
    }

    /// The user of the session `token`, or `nil` when it is unknown, ended, idle for too long,
    /// past its lifetime, or its account disabled. Marks the session used. A session checked
    /// less than a second ago is answered from memory (`SignedInUserCache`).
    public func user(forSessionToken token: String) throws -> SignedInUser? {
        let digest = Self.digest(ofToken: token)
        let checkedAt = rules.now()
        if let known = remembered(digest, at: checkedAt, asSession: true) { return known }
        let generation = signedIn.generation
        let found = try registry.database.read { db -> (Operator, String)? in
            guard
                let session = try LoginSessionRecord.active(
                    digest, now: now(), idleSince: timestamp(in: -rules.sessionIdleTimeout), db),
                let user = try OperatorRecord.user(session.userID, db)
            else { return nil }
            return (user, session.lastSeenAt)
        }
        guard let (user, lastSeen) = found else { return nil }
        if lastSeen < timestamp(in: -Self.lastSeenResolution) {
            try registry.database.write { db in try LoginSessionRecord.markUsed(digest, at: now(), db) }
        }
        let signedInUser = SignedInUser(
            session: try registry.session(as: user.id, clock: rules.now),
            credential: .session(csrf: Self.csrf(ofSessionToken: token)))
        signedIn.remember(signedInUser, for: digest, checkedAt: checkedAt, generation: generation)
        return signedInUser
    }

    /// The id of the user whose session `token` is or was, live or ended, if it was used within
    /// a session's lifetime and their account is not disabled; `nil` for an unknown token, or a
    /// session ended by logging out, by a new password set for the user or by disabling the
    /// account. It tells whose a form posted after its session ended is, and signs nobody in.
    /// Sessions are kept in the database, so the answer holds across restarts of the server.
    public func userOfRecentSession(token: String) throws -> String? {
        let digest = Self.digest(ofToken: token)
        return try registry.database.read { db in
            try LoginSessionRecord.user(of: digest, usedSince: timestamp(in: -rules.sessionLifetime), db)
        }
    }

    /// Ends the session `token` of `user` (logout), audited.
    public func endSession(token: String, of user: Operator) throws {
        defer { signedIn.forgetAll() }
        try registry.database.write { db in
            try LoginSessionRecord.delete(Self.digest(ofToken: token), db)
            try AuditLog.append(
                AuditEvent(by: user, action: .logout, resource: .user(user.id), decision: .allow), in: db)
        }
    }
}
