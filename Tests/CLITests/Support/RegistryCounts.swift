import Foundation

/// How many rows the tables an import writes to hold, read by the `sqlite3` shell.
struct RegistryCounts: Equatable, CustomStringConvertible {
    let deliveries: Int
    let people: Int
    let dataKeys: Int
    let importBatches: Int
    let auditEntries: Int

    /// The counts of the registry `database`.
    init(_ database: String) throws {
        let tables = ["delivery", "beneficiary", "beneficiary_key", "import_batch", "audit_entry"]
        let line = try sqliteLines(
            database, "SELECT " + tables.map { "(SELECT COUNT(*) FROM \($0))" }.joined(separator: ", "))
        let numbers = (line.first ?? "").split(separator: "|").compactMap { Int($0) }
        guard numbers.count == tables.count else {
            throw CountFailure(database: database)
        }
        (deliveries, people, dataKeys, importBatches, auditEntries) = (
            numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]
        )
    }

    var description: String {
        "\(deliveries) deliveries, \(people) people, \(dataKeys) data keys, \(importBatches) imports, \(auditEntries) audit entries"
    }
}

/// The `sqlite3` shell could not count the rows of a registry.
struct CountFailure: Error, CustomStringConvertible {
    let database: String
    var description: String { "sqlite3 could not count the rows of \(database)" }
}
