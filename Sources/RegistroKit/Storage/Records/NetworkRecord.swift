import GRDB

/// A row of `network`.
struct NetworkRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "network"

    /// The columns of `network`.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }

    /// The network's slug.
    var id: String
    /// Its name.
    var name: String
    /// When it was added.
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
    }

    /// The network as the library shows it.
    var network: Network { Network(id: id, name: name) }

    /// Inserts `network`, added at `createdAt`.
    static func insert(_ network: Network, createdAt: String, _ db: Database) throws {
        try NetworkRecord(id: network.id, name: network.name, createdAt: createdAt).insert(db)
    }

    /// Every network, by id.
    static func all(_ db: Database) throws -> [NetworkRecord] {
        try NetworkRecord.order(Columns.id).fetchAll(db)
    }
}

/// A row of `network_member`: an organisation belonging to a network.
struct NetworkMemberRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "network_member"

    /// The columns of `network_member`.
    enum Columns {
        static let networkID = Column(CodingKeys.networkID)
        static let orgID = Column(CodingKeys.orgID)
    }

    /// The network.
    var networkID: String
    /// The member organisation.
    var orgID: String

    enum CodingKeys: String, CodingKey {
        case networkID = "network_id"
        case orgID = "org_id"
    }
}
