import Foundation
import GRDB

/// What `beneficiary` holds in clear about a person: ownership and statistical facts.
///
/// Read by column position through SQLite's API on a cached statement: every case read asks
/// for them, and decoding the row by name through `Decodable` cost more than the query.
struct BeneficiaryFacts {
    var ownerOrg: String
    var createdAt: String
    /// The owner's own file number.
    var ref: String?
    var sex: String?
    var birthYear: Int64?
    var citizenship: String?
    var comune: String?

    /// The facts in the current row of `query`, whose columns are those `find` selects.
    private init(columnsOf query: RawStatement) {
        ownerOrg = query.text(0) ?? ""
        createdAt = query.text(1) ?? ""
        ref = query.text(2)
        sex = query.text(3)
        birthYear = query.isNull(4) ? nil : query.int64(4)
        citizenship = query.text(5)
        comune = query.text(6)
    }

    /// The facts of `beneficiary`, if the person exists.
    static func find(_ beneficiary: String, _ db: Database) throws -> BeneficiaryFacts? {
        let query = try RawStatement(
            db,
            cachedSQL: """
                SELECT owner_org, created_at, ref, sex, birth_year, citizenship, comune
                FROM beneficiary WHERE id = ?
                """)
        query.bind(1, beneficiary)
        return try query.first { BeneficiaryFacts(columnsOf: $0) }
    }
}

/// The sealed personal fields of a person, by column, as stored.
///
/// Read by column position through SQLite's API on a cached statement, as `BeneficiaryFacts`
/// are: every case read that shows personal data asks for them, and GRDB's row cost more than
/// the query.
enum SealedPersonalFields {
    /// The sealed values of `columns` of `beneficiary`, absent ones left out; `nil` for an
    /// unknown person.
    static func fetch(_ beneficiary: String, columns: [String], _ db: Database) throws -> [String: Data]? {
        let query = try RawStatement(
            db, cachedSQL: "SELECT \(columns.joined(separator: ", ")) FROM beneficiary WHERE id = ?")
        query.bind(1, beneficiary)
        return try query.first { row in
            var sealed: [String: Data] = [:]
            for (index, column) in columns.enumerated() {
                sealed[column] = row.data(Int32(index))
            }
            return sealed
        }
    }
}

/// A row of `beneficiary_vulnerability`: a vulnerability an organisation observed.
struct VulnerabilityRecord {
    var code: String
    var orgID: String

    /// The vulnerabilities of `beneficiary`, by code and organisation.
    static func of(_ beneficiary: String, _ db: Database) throws -> [VulnerabilityRecord] {
        // Every case read whose needs are visible lists them: through SQLite's API.
        let query = try RawStatement(
            db,
            cachedSQL:
                "SELECT code, org_id FROM beneficiary_vulnerability WHERE beneficiary_id = ? ORDER BY code, org_id")
        query.bind(1, beneficiary)
        var rows: [VulnerabilityRecord] = []
        try query.forEachRow { rows.append(VulnerabilityRecord(code: $0.text(0) ?? "", orgID: $0.text(1) ?? "")) }
        return rows
    }
}

/// A delivery as a case file or an export shows it; `notes` still sealed.
///
/// Read by column position, in the order of `selection`: a case read lists every delivery of
/// the person, and decoding them by name through `Decodable` cost more than the query.
struct DeliveryRecord {
    var id: Int64
    var orgID: String
    var serviceCode: String
    var date: String
    var hours: Double?
    var channel: String?
    var outcome: String?
    var impact: Int64?
    var project: String?
    /// The sealed notes.
    var notes: Data?

    /// The columns read, in the order `init(columnsOf:)` takes them.
    private static let selection =
        "SELECT id, org_id, service_code, date, hours, channel, outcome, impact, project, notes"

    /// The delivery in the current row of `query`, whose columns are `selection`'s.
    private init(columnsOf query: RawStatement) {
        id = query.int64(0)
        orgID = query.text(1) ?? ""
        serviceCode = query.text(2) ?? ""
        date = query.text(3) ?? ""
        hours = query.isNull(4) ? nil : query.double(4)
        channel = query.text(5)
        outcome = query.text(6)
        impact = query.isNull(7) ? nil : query.int64(7)
        project = query.text(8)
        notes = query.blob(9).map { Data($0) }
    }

    /// The query of `of(_:organisation:)` for every organisation's deliveries to a person.
    static let everyOrganisationSQL = "\(selection) FROM delivery WHERE beneficiary_id = ? ORDER BY date, id"

    /// The query of `of(_:organisation:)` for one organisation's deliveries to a person. It
    /// searches the person's deliveries (`delivery_beneficiary`) and sorts them: an index of the
    /// organisation's deliveries by date would let SQLite read them in order instead, all of
    /// them (`ReadQueryPlanTests`).
    static let oneOrganisationSQL =
        "\(selection) FROM delivery WHERE beneficiary_id = ? AND org_id = ? ORDER BY date, id"

    /// The deliveries to `beneficiary` by date, every organisation's or only `organisation`'s.
    ///
    /// Read through SQLite's API on a cached statement, by column position: a case file lists
    /// them at every read, and GRDB's rows cost more than SQLite's work here.
    static func of(_ beneficiary: String, organisation: String? = nil, _ db: Database) throws -> [DeliveryRecord] {
        let query = try RawStatement(db, cachedSQL: organisation == nil ? everyOrganisationSQL : oneOrganisationSQL)
        query.bind(1, beneficiary)
        if let organisation { query.bind(2, organisation) }
        var rows: [DeliveryRecord] = []
        try query.forEachRow { rows.append(DeliveryRecord(columnsOf: $0)) }
        return rows
    }

    /// The query of `countsByOrganisation(of:)`.
    static let countsByOrganisationSQL =
        "SELECT org_id, COUNT(*) FROM delivery WHERE beneficiary_id = ? GROUP BY org_id ORDER BY org_id"

    /// How many deliveries each organisation made to `beneficiary`, by organisation.
    ///
    /// Read through SQLite's API on a cached statement, as the deliveries are: every case read
    /// whose services are visible counts them.
    static func countsByOrganisation(of beneficiary: String, _ db: Database) throws -> [(org: String, count: Int64)] {
        let query = try RawStatement(db, cachedSQL: countsByOrganisationSQL)
        query.bind(1, beneficiary)
        var counts: [(org: String, count: Int64)] = []
        try query.forEachRow { counts.append((org: $0.text(0) ?? "", count: $0.int64(1))) }
        return counts
    }
}

/// A row of `emergency_access`: a "break the glass" opening of a case.
struct EmergencyAccessRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "emergency_access"

    var id: String
    var beneficiaryID: String
    var userID: String
    var purpose: String
    var openedAt: String
    var expiresAt: String
    /// Why, sealed under the person's data key.
    var reason: Data

    enum CodingKeys: String, CodingKey {
        case id, purpose, reason
        case beneficiaryID = "beneficiary_id"
        case userID = "user_id"
        case openedAt = "opened_at"
        case expiresAt = "expires_at"
    }

    /// Inserts the emergency access.
    func add(_ db: Database) throws {
        try insert(db)
    }

    /// When emergency access `id` expires, if it exists.
    static func expiry(of id: String, _ db: Database) throws -> String? {
        try EmergencyAccessRecord.fetchOne(db, key: id)?.expiresAt
    }
}
