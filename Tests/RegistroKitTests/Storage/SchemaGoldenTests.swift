import Foundation
import GRDB
@testable import RegistroKit
import Testing

@Suite("the schema has one truth: Schema/*.sql")
struct SchemaGoldenTests {
    /// The package's `Schema/` folder, read from disk rather than from the embedded copy.
    static let schemaFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schema")

    /// `sqlite_master` as sorted `type name sql` lines, leaving out SQLite's and GRDB's own tables.
    static func dump(_ db: Database) throws -> [String] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY type, name
                """
        ).map { "\($0["type"] as String) \($0["name"] as String) \($0["sql"] as String? ?? "")" }
    }

    @Test("a registry opened by the library has exactly the schema of the SQL files, applied in order")
    func migratedSchemaEqualsTheSQLFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        let raw = try DatabaseQueue()
        try raw.write { db in
            for file in files {
                try db.execute(sql: String(contentsOf: Self.schemaFolder.appendingPathComponent(file), encoding: .utf8))
            }
        }
        let expected = try raw.read(Self.dump)
        let migrated = try RegistryDatabase.inMemory().read(Self.dump)
        #expect(migrated == expected)
    }

    @Test("the embedded schema files are the files on disk")
    func embeddedFilesMatchTheDisk() throws {
        for (identifier, sql) in Migrations.files {
            let disk = try String(
                contentsOf: Self.schemaFolder.appendingPathComponent("\(identifier).sql"), encoding: .utf8)
            #expect(sql == disk, "Schema/\(identifier).sql differs from the embedded copy: rebuild")
        }
    }

    @Test("every built-in reference code is loaded at creation")
    func referenceCodesAreLoaded() throws {
        let database = try RegistryDatabase.inMemory()
        for kind in CodeKind.allCases {
            let count = try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(kind.table)") }
            #expect(count == (try ReferenceCodeLoader.builtInCodes(kind).count))
            #expect((count ?? 0) > 0)
        }
    }
}
