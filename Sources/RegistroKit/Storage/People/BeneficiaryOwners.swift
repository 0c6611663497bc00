import GRDB

/// Which organisation owns which people, asked of many people at once.
enum BeneficiaryOwners {
    /// How many ids one query asks about: within SQLite's limit on bound parameters.
    static let idsPerQuery = 500

    /// The people of `beneficiaries` whom an organisation other than `org` owns, in the order
    /// given; ids of nobody are left out.
    static func ownedElsewhere(_ beneficiaries: [String], than org: String, _ db: Database) throws -> [String] {
        var owned: Set<String> = []
        var start = 0
        while start < beneficiaries.count {
            let ids = Array(beneficiaries[start..<min(start + idsPerQuery, beneficiaries.count)])
            let found = try String.fetchAll(
                db, sql: ownedElsewhereSQL(ids: ids.count), arguments: StatementArguments([org] + ids))
            owned.formUnion(found)
            start += idsPerQuery
        }
        return beneficiaries.filter(owned.contains)
    }

    /// The query of `ownedElsewhere` for `ids` ids: each found by the primary key.
    static func ownedElsewhereSQL(ids: Int) -> String {
        let marks = Array(repeating: "?", count: ids).joined(separator: ", ")
        return "SELECT id FROM beneficiary WHERE owner_org <> ? AND id IN (\(marks))"
    }
}
