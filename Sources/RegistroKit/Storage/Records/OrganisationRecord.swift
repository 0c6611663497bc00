import GRDB

/// A row of `organisation`, without its axes and networks.
struct OrganisationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organisation"

    /// The columns of `organisation`.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let fiscalCode = Column(CodingKeys.fiscalCode)
    }

    /// The organisation's slug.
    var id: String
    /// Its name.
    var name: String
    /// Its kind, as stored.
    var kind: String
    /// Its fiscal code, validated.
    var fiscalCode: String?
    /// Its RUNTS section, as stored.
    var runtsSection: String?
    /// Its territory.
    var territory: String?
    /// When it was added.
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, kind, territory
        case fiscalCode = "cf"
        case runtsSection = "runts_section"
        case createdAt = "created_at"
    }

    /// The row of `organisation` with its already validated `fiscalCode`, added at `createdAt`.
    init(_ organisation: Organisation, fiscalCode: String?, createdAt: String) {
        id = organisation.id
        name = organisation.name
        kind = organisation.kind.rawValue
        self.fiscalCode = fiscalCode
        runtsSection = organisation.runtsSection?.rawValue
        territory = organisation.territory
        self.createdAt = createdAt
    }

    /// The organisation `id`, if there is one.
    static func find(_ id: String, _ db: Database) throws -> OrganisationRecord? {
        try OrganisationRecord.fetchOne(db, key: id)
    }

    /// Whether some organisation has the fiscal code `fiscalCode`.
    static func exists(fiscalCode: String, _ db: Database) throws -> Bool {
        try OrganisationRecord.filter(Columns.fiscalCode == fiscalCode).fetchCount(db) > 0
    }

    /// Inserts `organisation` with its axes and network memberships.
    static func insert(_ organisation: Organisation, fiscalCode: String?, createdAt: String, _ db: Database) throws {
        try OrganisationRecord(organisation, fiscalCode: fiscalCode, createdAt: createdAt).insert(db)
        for axis in Set(organisation.axes) {
            try OrganisationAxisRecord(orgID: organisation.id, axis: axis).insert(db)
        }
        for network in Set(organisation.networks) {
            try NetworkMemberRecord(networkID: network, orgID: organisation.id).insert(db)
        }
    }

    /// Every organisation, by id, with its axes and networks.
    static func allOrganisations(_ db: Database) throws -> [Organisation] {
        let axes = Dictionary(
            grouping: try OrganisationAxisRecord.order(OrganisationAxisRecord.Columns.axis).fetchAll(db), by: \.orgID)
        let networks = Dictionary(
            grouping: try NetworkMemberRecord.order(NetworkMemberRecord.Columns.networkID).fetchAll(db), by: \.orgID)
        return try OrganisationRecord.order(Columns.id).fetchAll(db).map { row in
            Organisation(
                id: row.id, name: row.name, kind: OrganisationKind(rawValue: row.kind)!, fiscalCode: row.fiscalCode,
                runtsSection: row.runtsSection.flatMap(RuntsSection.init), territory: row.territory,
                axes: axes[row.id, default: []].map(\.axis), networks: networks[row.id, default: []].map(\.networkID))
        }
    }
}

/// A row of `organisation_axis`: an axis an organisation works on.
struct OrganisationAxisRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organisation_axis"

    /// The columns of `organisation_axis`.
    enum Columns {
        static let axis = Column(CodingKeys.axis)
    }

    /// The organisation.
    var orgID: String
    /// The axis.
    var axis: String

    enum CodingKeys: String, CodingKey {
        case orgID = "org_id"
        case axis
    }
}
