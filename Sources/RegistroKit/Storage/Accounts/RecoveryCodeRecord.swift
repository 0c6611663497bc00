import Foundation
import GRDB

/// A row of `recovery_code`: a recovery code of a TOTP enrolment, known by its digest, usable once.
struct RecoveryCodeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "recovery_code"

    /// The columns of `recovery_code`.
    enum Columns {
        static let userID = Column(CodingKeys.userID)
        static let codeDigest = Column(CodingKeys.codeDigest)
        static let usedAt = Column(CodingKeys.usedAt)
    }

    var userID: String
    var codeDigest: Data
    var usedAt: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case codeDigest = "code_digest"
        case usedAt = "used_at"
    }

    /// Replaces the recovery codes of `userID` with the codes of `digests`, unused.
    static func replaceAll(of userID: String, with digests: [Data], _ db: Database) throws {
        _ = try RecoveryCodeRecord.filter(Columns.userID == userID).deleteAll(db)
        for digest in digests {
            try RecoveryCodeRecord(userID: userID, codeDigest: digest, usedAt: nil).insert(db)
        }
    }

    /// Uses up the unused recovery code of `digest` of `userID` at `now`.
    ///
    /// - Returns: Whether `userID` had such a code, unused.
    static func consume(_ digest: Data, of userID: String, at now: String, _ db: Database) throws -> Bool {
        try RecoveryCodeRecord.filter(
            Columns.userID == userID && Columns.codeDigest == digest && Columns.usedAt == nil
        )
        .updateAll(db, Columns.usedAt.set(to: now)) == 1
    }
}
