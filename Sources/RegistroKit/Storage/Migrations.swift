import GRDB

/// The migrations of the registry: one per `Schema/NNN_name.sql` file, applied in file-name
/// order. `Schema/` is the single truth of the tables; the files reach the binary through the
/// `EmbedResources` build plugin.
enum Migrations {
    /// The embedded schema files, sorted by name: `(identifier, sql)`.
    static var files: [(identifier: String, sql: String)] {
        EmbeddedResources.files
            .filter { $0.key.hasPrefix("Schema/") && $0.key.hasSuffix(".sql") && !$0.key.dropFirst(7).contains("/") }
            .sorted { $0.key < $1.key }
            .map { (String($0.key.dropFirst("Schema/".count).dropLast(".sql".count)), $0.value) }
    }

    /// A migrator holding every schema file as one migration.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in files {
            migrator.registerMigration(file.identifier) { db in
                try db.execute(sql: file.sql)
            }
        }
        return migrator
    }
}
