import Foundation
import GRDB

/// A row of `emergency_review`: the owner's privacy officer reviewed an emergency access.
struct EmergencyReviewRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "emergency_review"

    var emergencyID: String
    var reviewedAt: String
    var reviewedBy: String
    /// The reviewer's note, sealed under the registry's records key.
    var note: Data

    enum CodingKeys: String, CodingKey {
        case note
        case emergencyID = "emergency_id"
        case reviewedAt = "reviewed_at"
        case reviewedBy = "reviewed_by"
    }

    /// Inserts the review.
    func add(_ db: Database) throws {
        try insert(db)
    }
}

/// An emergency access as the review queue lists it, with its review if any.
struct EmergencyQueueRow: FetchableRecord {
    let access: EmergencyAccessRecord
    let owner: String
    let review: EmergencyReviewRecord?

    init(row: Row) throws {
        access = try EmergencyAccessRecord(row: row)
        owner = row["owner_org"]
        review =
            row["reviewed_at"] == nil
            ? nil
            : EmergencyReviewRecord(
                emergencyID: row["id"], reviewedAt: row["reviewed_at"], reviewedBy: row["reviewed_by"],
                note: row["note"])
    }

    /// The emergency accesses on people owned by `owner` (every one when `nil`), oldest first;
    /// only those not reviewed yet when `unreviewed`.
    static func queue(owner: String?, unreviewed: Bool, _ db: Database) throws -> [EmergencyQueueRow] {
        try EmergencyQueueRow.fetchAll(
            db,
            sql: """
                SELECT e.*, b.owner_org, r.reviewed_at, r.reviewed_by, r.note
                FROM emergency_access e JOIN beneficiary b ON b.id = e.beneficiary_id
                LEFT JOIN emergency_review r ON r.emergency_id = e.id
                WHERE (? IS NULL OR b.owner_org = ?) AND (? = 0 OR r.emergency_id IS NULL)
                ORDER BY e.opened_at, e.id
                """,
            arguments: [owner, owner, unreviewed])
    }
}
