import Foundation
import GRDB

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

    /// Opens a new session for `user` (renewed at every login: a new random token), and drops
    /// the sessions that have ended.
    func openSession(for user: Operator, _ db: Database) throws -> String {
        try db.execute(
            sql: "DELETE FROM login_session WHERE expires_at <= ? OR last_seen_at <= ?",
            arguments: [now(), timestamp(in: -rules.sessionIdleTimeout)])
        let token = Self.newToken()
        try db.execute(
            sql:
                """
                INSERT INTO login_session (token_digest, user_id, created_at, last_seen_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [Self.digest(ofToken: token), user.id, now(), now(), timestamp(in: rules.sessionLifetime)])
        return token
    }

    /// The user of the session `token`, or `nil` when it is unknown, ended, idle for too long,
    /// past its lifetime, or its account disabled. Marks the session used.
    public func user(forSessionToken token: String) throws -> SignedInUser? {
        let digest = Self.digest(ofToken: token)
        let found = try registry.database.read { db -> (Operator, String)? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.user_id, s.last_seen_at FROM login_session s JOIN account a ON a.user_id = s.user_id
                        WHERE s.token_digest = ? AND s.expires_at > ? AND s.last_seen_at > ? AND a.disabled = 0
                        """,
                    arguments: [digest, now(), timestamp(in: -rules.sessionIdleTimeout)]),
                let user = try Self.operatorRow(row["user_id"], db)
            else { return nil }
            return (user, row["last_seen_at"])
        }
        guard let (user, lastSeen) = found else { return nil }
        if lastSeen < timestamp(in: -Self.lastSeenResolution) {
            try registry.database.write { db in
                try db.execute(
                    sql: "UPDATE login_session SET last_seen_at = ? WHERE token_digest = ?", arguments: [now(), digest])
            }
        }
        return SignedInUser(
            session: try registry.session(as: user.id, clock: rules.now),
            credential: .session(csrf: Self.csrf(ofSessionToken: token)))
    }

    /// Ends the session `token` of `user` (logout), audited.
    public func endSession(token: String, of user: Operator) throws {
        try registry.database.write { db in
            try db.execute(
                sql: "DELETE FROM login_session WHERE token_digest = ?", arguments: [Self.digest(ofToken: token)])
            try AuditLog.append(
                AuditEvent(by: user, action: .logout, resource: .user(user.id), decision: .allow), in: db)
        }
    }
}
