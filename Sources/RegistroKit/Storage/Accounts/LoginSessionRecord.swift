import Foundation
import GRDB

/// A row of `login_session`: a login session, known by its token's digest.
struct LoginSessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "login_session"

    /// The columns of `login_session`.
    enum Columns {
        static let userID = Column(CodingKeys.userID)
        static let lastSeenAt = Column(CodingKeys.lastSeenAt)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }

    /// BLAKE2b of the session token.
    var tokenDigest: Data
    var userID: String
    var createdAt: String
    var lastSeenAt: String
    var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case tokenDigest = "token_digest"
        case userID = "user_id"
        case createdAt = "created_at"
        case lastSeenAt = "last_seen_at"
        case expiresAt = "expires_at"
    }

    /// Stores a new session of `userID`, opened at `now`, until `expiresAt`.
    static func open(_ digest: Data, of userID: String, at now: String, expiresAt: String, _ db: Database) throws {
        try LoginSessionRecord(
            tokenDigest: digest, userID: userID, createdAt: now, lastSeenAt: now, expiresAt: expiresAt
        ).insert(db)
    }

    /// Deletes the sessions last used at `since` or before.
    static func deleteUnused(since: String, _ db: Database) throws {
        _ = try LoginSessionRecord.filter(Columns.lastSeenAt <= since).deleteAll(db)
    }

    /// The user of the session of `digest`, ended or not, if it was used after `usedSince` and
    /// their account is not disabled; `nil` otherwise.
    static func user(of digest: Data, usedSince: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT s.user_id FROM login_session s JOIN account a ON a.user_id = s.user_id
                WHERE s.token_digest = ? AND s.last_seen_at > ? AND a.disabled = 0
                """,
            arguments: [digest, usedSince])
    }

    /// The session of `digest` that has not ended at `now`, was used after `idleSince` and whose
    /// account is not disabled; `nil` otherwise.
    static func active(_ digest: Data, now: String, idleSince: String, _ db: Database) throws -> LoginSessionRecord? {
        try LoginSessionRecord.fetchOne(
            db,
            sql: """
                SELECT s.* FROM login_session s JOIN account a ON a.user_id = s.user_id
                WHERE s.token_digest = ? AND s.expires_at > ? AND s.last_seen_at > ? AND a.disabled = 0
                """,
            arguments: [digest, now, idleSince])
    }

    /// Marks the session of `digest` used at `now`.
    static func markUsed(_ digest: Data, at now: String, _ db: Database) throws {
        _ = try LoginSessionRecord.filter(key: digest).updateAll(db, Columns.lastSeenAt.set(to: now))
    }

    /// Ends the session of `digest`.
    static func delete(_ digest: Data, _ db: Database) throws {
        _ = try LoginSessionRecord.deleteOne(db, key: digest)
    }

    /// Ends every session of `userID`.
    static func deleteAll(of userID: String, _ db: Database) throws {
        _ = try LoginSessionRecord.filter(Columns.userID == userID).deleteAll(db)
    }
}
