import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// SQLite's temporary data of a registry on disk stays in memory: no page of the registry goes
/// to a file of the system's temporary folder.
@Suite("temporary data: a write that changes many pages opens no temporary file")
struct TemporaryDataTests {
    /// The files SQLite has open in the system's temporary folder (it names them `etilqs_…` and
    /// removes them at once, so only the process's open descriptors show them).
    static func openTemporaryFiles() throws -> [String] {
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return descriptors.compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")
        }
        .filter { $0.contains("etilqs_") }
    }

    @Test func writeChangingManyPagesKeepsItsUndoJournalInMemory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "registro-temporary-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try RegistryDatabase.create(at: directory.appendingPathComponent("registro.db").path)
        try database.write { db in
            try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
            for id in 0..<64 { try db.execute(sql: "INSERT INTO probe VALUES (?, randomblob(8000))", arguments: [id]) }
        }

        // Every page of `probe` changes inside the write's savepoint: its undo journal holds
        // them all as they were, 512 KB.
        let seen = try database.write { db -> [String] in
            try db.execute(sql: "UPDATE probe SET body = randomblob(8000)")
            return try Self.openTemporaryFiles()
        }
        #expect(seen.isEmpty, "temporary files open during the write: \(seen)")
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM probe") } == 64)
    }
}
