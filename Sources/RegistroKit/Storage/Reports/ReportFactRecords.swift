import GRDB

/// A person as the report engine counts them, from `beneficiary`: their record key and, when
/// a dimension needs them, their statistical facts. Nothing personal.
///
/// Read by column position through a cursor over every person (`ReportFacts.people`): a report
/// scan, where decoding by name would cost a lookup per column per person.
struct ReportPersonRecord: FetchableRecord {
    /// The pseudonymous id.
    var id: String
    /// The record key, added into the cell keys of disclosure control.
    var recordKey: Int64
    /// Sex, when the demographics were read (empty otherwise).
    var sex = ""
    /// Citizenship, when read and recorded.
    var citizenship: String?
    /// Year of birth, when read and recorded.
    var birthYear: Int32?

    init(row: Row) {
        id = row[0]
        recordKey = row[1]
        if row.count > 2 {
            sex = row[2]
            citizenship = row[3]
            birthYear = row[4]
        }
    }
}

/// A vulnerability code in clear of a person, as the report engine counts it.
struct ReportVulnerabilityRecord: FetchableRecord {
    /// The person's pseudonymous id.
    var beneficiaryID: String
    /// The vulnerability code.
    var code: String

    init(row: Row) {
        beneficiaryID = row[0]
        code = row[1]
    }
}

/// The facts a report reads besides the deliveries: territories of organisations, axes of
/// services, people and their vulnerabilities.
enum ReportFacts {
    /// Each organisation's territory (`nil` when it has none), by organisation id.
    static func territories(_ db: Database) throws -> [(organisation: String, territory: String?)] {
        try Row.fetchAll(db, sql: "SELECT id, territory FROM organisation").map { ($0[0], $0[1]) }
    }

    /// Each service code's axis, by code.
    static func axes(_ db: Database) throws -> [String: String] {
        var axes: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, axis FROM service_code") { axes[row[0]] = row[1] }
        return axes
    }

    /// Every person, with their sex, citizenship and birth year when `demographics` is set.
    static func people(demographics: Bool, _ db: Database) throws -> RecordScan<ReportPersonRecord> {
        try RecordScan(
            ReportPersonRecord.fetchCursor(
                db,
                sql: "SELECT id, record_key" + (demographics ? ", sex, citizenship, birth_year" : "")
                    + " FROM beneficiary"))
    }

    /// Every person's distinct vulnerability codes in clear, by code.
    static func vulnerabilities(_ db: Database) throws -> RecordScan<ReportVulnerabilityRecord> {
        try RecordScan(
            ReportVulnerabilityRecord.fetchCursor(
                db, sql: "SELECT DISTINCT beneficiary_id, code FROM beneficiary_vulnerability ORDER BY code"))
    }
}
