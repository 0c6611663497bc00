import Foundation
import GRDB

/// A row of `restriction`: a person's data restricted (GDPR art. 18), until lifted.
struct RestrictionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "restriction"

    var id: Int64
    var beneficiaryID: String
    var restrictedAt: String
    var restrictedBy: String
    /// Why, sealed under the person's data key.
    var reason: Data
    var liftedAt: String?
    var liftedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, reason
        case beneficiaryID = "beneficiary_id"
        case restrictedAt = "restricted_at"
        case restrictedBy = "restricted_by"
        case liftedAt = "lifted_at"
        case liftedBy = "lifted_by"
    }

    /// The id the next restriction gets (its reason is sealed to it before it is inserted).
    static func nextID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM restriction") ?? 1
    }

    /// Inserts the restriction.
    func add(_ db: Database) throws {
        try insert(db)
    }

    /// Lifts the restriction in force on `beneficiary`, at `time`, by `user`.
    static func lift(on beneficiary: String, at time: String, by user: String, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE restriction SET lifted_at = ?, lifted_by = ? WHERE beneficiary_id = ? AND lifted_at IS NULL",
            arguments: [time, user, beneficiary])
    }
}

/// A row of `erasure`: a person erased (GDPR art. 17) by crypto-shredding.
struct ErasureRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "erasure"

    var beneficiaryID: String
    var erasedAt: String
    var erasedBy: String
    /// Why, sealed under the registry's records key.
    var reason: Data

    enum CodingKeys: String, CodingKey {
        case reason
        case beneficiaryID = "beneficiary_id"
        case erasedAt = "erased_at"
        case erasedBy = "erased_by"
    }

    /// Destroys what makes `beneficiary` identifiable: their wrapped data key, blind index,
    /// file number, comune and sealed `personalColumns`, their deliveries' sealed notes and their
    /// sealed special-category vulnerabilities; then records the erasure.
    func shred(personalColumns: [String], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM beneficiary_key WHERE beneficiary_id = ?", arguments: [beneficiaryID])
        let cleared = (["cf_index", "ref", "comune"] + personalColumns).map { "\($0) = NULL" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE beneficiary SET \(cleared) WHERE id = ?", arguments: [beneficiaryID])
        try db.execute(sql: "UPDATE delivery SET notes = NULL WHERE beneficiary_id = ?", arguments: [beneficiaryID])
        try db.execute(sql: "DELETE FROM special_vulnerability WHERE beneficiary_id = ?", arguments: [beneficiaryID])
        try insert(db)
    }
}
