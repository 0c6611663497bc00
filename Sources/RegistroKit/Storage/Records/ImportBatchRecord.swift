import GRDB

/// A row of `import_batch`: one spreadsheet import, who made it and what it held.
struct ImportBatchRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "import_batch"

    /// The columns of `import_batch`.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let rowCount = Column(CodingKeys.rowCount)
        static let peopleCreated = Column(CodingKeys.peopleCreated)
        static let fileDigest = Column(CodingKeys.fileDigest)
    }

    /// The batch's id, once inserted.
    var id: Int64?
    var orgID: String
    var importedBy: String
    var importedAt: String
    var rowCount: Int
    var peopleCreated: Int
    /// The file's BLAKE2b digest, hex-encoded.
    var fileDigest: String

    enum CodingKeys: String, CodingKey {
        case id
        case orgID = "org_id"
        case importedBy = "imported_by"
        case importedAt = "imported_at"
        case rowCount = "row_count"
        case peopleCreated = "people_created"
        case fileDigest = "file_digest"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Starts the batch of an import by `user` at `time`, before its rows are read; returns its id.
    static func begin(by user: Operator, at time: String, _ db: Database) throws -> Int64 {
        var batch = ImportBatchRecord(
            orgID: user.org, importedBy: user.id, importedAt: time, rowCount: 0, peopleCreated: 0, fileDigest: "")
        try batch.insert(db)
        return batch.id!
    }

    /// Records what batch `id` imported.
    static func finish(_ id: Int64, rows: Int, peopleCreated: Int, fileDigest: String, _ db: Database) throws {
        _ = try ImportBatchRecord.filter(Columns.id == id).updateAll(
            db, Columns.rowCount.set(to: rows), Columns.peopleCreated.set(to: peopleCreated),
            Columns.fileDigest.set(to: fileDigest))
    }

    /// The earliest import by organisation `org` of rows from the file with digest `fileDigest`,
    /// other than batch `id`: when and by whom, or `nil` when it never imported the file.
    static func earlier(
        withDigest fileDigest: String, by org: String, other id: Int64, _ db: Database
    ) throws -> (importedAt: String, importedBy: String)? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT imported_at, imported_by FROM import_batch
                WHERE file_digest = ? AND org_id = ? AND id <> ? AND row_count > 0
                ORDER BY id LIMIT 1
                """,
            arguments: [fileDigest, org, id]
        ).map { ($0["imported_at"], $0["imported_by"]) }
    }
}
