import GRDB

/// A person of an organisation as its lists show them, from `beneficiary`: nothing sealed.
struct OwnBeneficiaryRecord: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "beneficiary"
    static var databaseSelection: [any SQLSelectable] { [Columns.id, Columns.ref, Columns.createdAt] }

    /// The columns of `beneficiary` these lists read or filter on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let ref = Column(CodingKeys.ref)
        static let createdAt = Column(CodingKeys.createdAt)
        static let ownerOrg = Column("owner_org")
        static let givenName = Column("given_name")
    }

    var id: String
    /// The owner's own file number.
    var ref: String?
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, ref
        case createdAt = "created_at"
    }

    /// The person as the library shows them.
    var ownBeneficiary: OwnBeneficiary { OwnBeneficiary(id: id, ref: ref, createdAt: createdAt) }

    /// Leaves out people whose data is restricted (a restriction not lifted).
    private static let notRestricted: SQL = "id NOT IN (SELECT beneficiary_id FROM restriction WHERE lifted_at IS NULL)"

    /// The id of `organisation`'s person with file number `ref`, unless restricted.
    static func id(ofRef ref: String, owner organisation: String, _ db: Database) throws -> String? {
        try OwnBeneficiaryRecord.select(Columns.id, as: String.self)
            .filter(Columns.ownerOrg == organisation && Columns.ref == ref).filter(literal: notRestricted)
            .fetchOne(db)
    }

    /// The ids of `organisation`'s people with a name on record, unless restricted, in the order
    /// they were recorded.
    static func namedIDs(owner organisation: String, _ db: Database) throws -> [String] {
        try OwnBeneficiaryRecord.select(Columns.id, as: String.self)
            .filter(Columns.ownerOrg == organisation && Columns.givenName != nil).filter(literal: notRestricted)
            .order(Column.rowID).fetchAll(db)
    }

    /// How many people `organisation` owns.
    static func count(owner organisation: String, _ db: Database) throws -> Int {
        try OwnBeneficiaryRecord.filter(Columns.ownerOrg == organisation).fetchCount(db)
    }

    /// At most `limit` of `organisation`'s people after the first `offset`, in the order they
    /// were recorded.
    static func page(owner organisation: String, limit: Int, offset: Int, _ db: Database) throws -> [OwnBeneficiary] {
        try OwnBeneficiaryRecord.filter(Columns.ownerOrg == organisation).order(Column.rowID)
            .limit(limit, offset: offset).fetchAll(db).map(\.ownBeneficiary)
    }
}
