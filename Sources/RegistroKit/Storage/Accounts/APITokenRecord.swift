import Foundation
import GRDB

/// A row of `api_token`: an API token for scripts, known by its digest.
struct APITokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "api_token"

    /// The columns of `api_token`.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let userID = Column(CodingKeys.userID)
        static let createdAt = Column(CodingKeys.createdAt)
        static let revokedAt = Column(CodingKeys.revokedAt)
    }

    var id: String
    /// BLAKE2b of the token.
    var tokenDigest: Data
    var userID: String
    var name: String
    var createdAt: String
    var expiresAt: String
    var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case tokenDigest = "token_digest"
        case userID = "user_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }

    /// The token as its user lists it.
    var info: APITokenInfo {
        APITokenInfo(id: id, name: name, createdAt: createdAt, expiresAt: expiresAt, revokedAt: revokedAt)
    }

    /// Stores a new token `id` of `userID` named `name`, created at `now`, until `expiresAt`.
    static func create(
        _ id: String, digest: Data, of userID: String, name: String, at now: String, expiresAt: String,
        _ db: Database
    ) throws {
        try APITokenRecord(
            id: id, tokenDigest: digest, userID: userID, name: name, createdAt: now, expiresAt: expiresAt,
            revokedAt: nil
        ).insert(db)
    }

    /// Revokes the token `id` of `userID` at `now`.
    ///
    /// - Returns: Whether `userID` had such a token, not revoked yet.
    static func revoke(_ id: String, of userID: String, at now: String, _ db: Database) throws -> Bool {
        try APITokenRecord.filter(key: id).filter(Columns.userID == userID && Columns.revokedAt == nil)
            .updateAll(db, Columns.revokedAt.set(to: now)) == 1
    }

    /// Revokes every token of `userID` not revoked yet, at `now`.
    static func revokeAll(of userID: String, at now: String, _ db: Database) throws {
        _ = try APITokenRecord.filter(Columns.userID == userID && Columns.revokedAt == nil)
            .updateAll(db, Columns.revokedAt.set(to: now))
    }

    /// The tokens of `userID`, newest first.
    static func all(of userID: String, _ db: Database) throws -> [APITokenRecord] {
        try APITokenRecord.filter(Columns.userID == userID).order(Columns.createdAt.desc, Columns.id).fetchAll(db)
    }

    /// The token of `digest` that is not revoked, not expired at `now`, and whose account is not
    /// disabled; `nil` otherwise.
    static func active(_ digest: Data, now: String, _ db: Database) throws -> APITokenRecord? {
        try APITokenRecord.fetchOne(
            db,
            sql: """
                SELECT t.* FROM api_token t JOIN account a ON a.user_id = t.user_id
                WHERE t.token_digest = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND a.disabled = 0
                """,
            arguments: [digest, now])
    }
}
