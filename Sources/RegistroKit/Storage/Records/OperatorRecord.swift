import GRDB

/// A row of `operator`: a user of the registry.
struct OperatorRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "operator"

    /// The columns of `operator`.
    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    /// The user's slug.
    var id: String
    /// Their name.
    var name: String
    /// Their organisation.
    var orgID: String
    /// Their role, as stored.
    var role: String
    /// When they were added.
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case orgID = "org_id"
        case createdAt = "created_at"
    }

    /// The row of `user`, added at `createdAt`.
    init(_ user: Operator, createdAt: String) {
        id = user.id
        name = user.name
        orgID = user.org
        role = user.role.rawValue
        self.createdAt = createdAt
    }

    /// The user as the library shows them.
    var user: Operator { Operator(id: id, name: name, org: orgID, role: Role(rawValue: role)!) }

    /// Inserts `user`, added at `createdAt`.
    static func insert(_ user: Operator, createdAt: String, _ db: Database) throws {
        try OperatorRecord(user, createdAt: createdAt).insert(db)
    }

    /// The user `id`, if the registry has one.
    static func user(_ id: String, _ db: Database) throws -> Operator? {
        try OperatorRecord.fetchOne(db, key: id)?.user
    }

    /// Every user, by id.
    static func allUsers(_ db: Database) throws -> [Operator] {
        try OperatorRecord.order(Columns.id).fetchAll(db).map(\.user)
    }

    /// Whether the registry has any user yet.
    static func any(_ db: Database) throws -> Bool {
        try OperatorRecord.limit(1).fetchCount(db) > 0
    }
}
