import Foundation
import GRDB

/// A row of `beneficiary_key`: a person's data key, wrapped by a key-encryption key.
struct BeneficiaryKeyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "beneficiary_key"

    var beneficiaryID: String
    /// The generation of the key-encryption key that wraps it.
    var kekGeneration: Int
    var wrappedKey: Data

    enum CodingKeys: String, CodingKey {
        case beneficiaryID = "beneficiary_id"
        case kekGeneration = "kek_generation"
        case wrappedKey = "wrapped_key"
    }

    /// The query of `find`: one entry of the primary key's index.
    static let findSQL = "SELECT kek_generation, wrapped_key FROM beneficiary_key WHERE beneficiary_id = ?"

    /// The wrapped data key of `beneficiary`; `nil` once they are erased.
    ///
    /// An import opens the key of every person it matches: a cached statement, read by column
    /// position, keeps that cheap.
    static func find(_ beneficiary: String, _ db: Database) throws -> BeneficiaryKeyRecord? {
        let query = try RawStatement(db, cachedSQL: findSQL)
        query.bind(1, beneficiary)
        return try query.first { row in
            BeneficiaryKeyRecord(
                beneficiaryID: beneficiary, kekGeneration: Int(row.int64(0)), wrappedKey: row.data(1) ?? Data())
        }
    }

    /// Replaces every wrapped key with `rewrap(record)` under key-encryption generation
    /// `generation`; returns how many there were.
    static func rewrapAll(
        to generation: Int, _ db: Database, _ rewrap: (BeneficiaryKeyRecord) throws -> [UInt8]
    ) throws -> Int {
        let records = try BeneficiaryKeyRecord.fetchAll(db)
        for var record in records {
            record.wrappedKey = Data(try rewrap(record))
            record.kekGeneration = generation
            try record.update(db)
        }
        return records.count
    }
}
