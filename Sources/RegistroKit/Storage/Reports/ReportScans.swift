import GRDB

/// The scans of the deliveries a report counts. They keep raw statements (`RawRowCursor`),
/// whose columns are read in place without a copy: a report reads every delivery of the
/// registry, a million rows and more, where decoding records would cost an allocation per row.
enum ReportScans {
    /// How much of the database file a report maps into memory (SQLite `mmap_size`): reading
    /// a million deliveries through the map avoids a system call per page.
    static let memoryMapSize = 1 << 30

    /// Maps the database file into memory for the scans of a report in `db`'s transaction.
    static func mapForScans(_ db: Database) throws {
        try db.execute(sql: "PRAGMA mmap_size = \(memoryMapSize)")
    }

    /// The rows of `query`, the scan of a report's table.
    static func rows(of query: ReportQuery, _ db: Database) throws -> RawRowCursor {
        try RawRowCursor(db, sql: query.sql, arguments: query.arguments)
    }

    /// Organisation, service code and person (columns 0, 1, 2) of each delivery of `scope` in
    /// `period` to a person whose data may be used, for the overlap report.
    static func overlapDeliveries(period: ReportPeriod, scope: ReportScope, _ db: Database) throws -> RawRowCursor {
        let conditions = [period.sqlCondition, scope.sqlCondition].filter { !$0.sql.isEmpty }
        return try RawRowCursor(
            db,
            sql: "SELECT d.org_id, d.service_code, d.beneficiary_id FROM delivery d WHERE "
                + ([ReportScope.usablePeopleCondition] + conditions.map(\.sql)).joined(separator: " AND "),
            arguments: conditions.flatMap(\.arguments))
    }
}
