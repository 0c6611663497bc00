import GRDB

extension OperatorRecord {
    /// The users of the organisation `org`, by id.
    static func users(of org: String, _ db: Database) throws -> [Operator] {
        try OperatorRecord.filter(Column(CodingKeys.orgID) == org).order(Columns.id).fetchAll(db).map(\.user)
    }
}
