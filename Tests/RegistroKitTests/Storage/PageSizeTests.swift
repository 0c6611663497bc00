import Foundation
import GRDB
import RegistroTestSupport
@testable import RegistroKit
import Testing

/// The page size of the registry's database file: new registries get `RegistryDatabase.newPageSize`,
/// and a registry made with SQLite's former default of 4 KiB keeps it and keeps working.
@Suite("page size: a new registry gets the chosen one, a registry of 4 KiB pages opens, imports and reads")
struct PageSizeTests {
    /// SQLite's default page size, with which every registry was made before.
    static let formerPageSize = 4096

    static func pageSize(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "PRAGMA page_size")
    }

    /// `PRAGMA page_size` and `PRAGMA journal_mode` of the database file at `path`, read by a
    /// connection of SQLite's own, not the registry's.
    static func fileSettings(_ path: String) throws -> (pageSize: Int?, journalMode: String?) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            (try pageSize(db), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
    }

    @Test func newRegistryFileHasTheChosenPageSizeAndTheWriteAheadLog() throws {
        let scratch = try ScratchRegistry("registro-page-size")
        defer { try? FileManager.default.removeItem(at: scratch.folder) }
        let path = scratch.registry.location.database

        let settings = try Self.fileSettings(path)
        #expect(settings.pageSize == RegistryDatabase.newPageSize)
        #expect(settings.pageSize != Self.formerPageSize)
        #expect(settings.journalMode == "wal")
        #expect(try scratch.registry.database.read { try Self.pageSize($0) } == RegistryDatabase.newPageSize)
    }

    @Test func inMemoryRegistryHasTheChosenPageSize() throws {
        let database = try RegistryDatabase.inMemory()
        #expect(try database.read { try Self.pageSize($0) } == RegistryDatabase.newPageSize)
    }

    @Test func registryOfFourKibibytePagesOpensImportsReadsAndVerifies() throws {
        let (folder, location) = try Self.closedRegistry("registro-page-size-former")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.convert(location.database, toPageSize: Self.formerPageSize)
        let before = try Self.fileSettings(location.database)
        #expect(before.pageSize == Self.formerPageSize)
        #expect(before.journalMode == "wal")

        let registry = try Registry.open(at: location, passphrase: { "" })
        let people = (0..<40).map { index in
            ImportFixture.codiceFiscale("Rossi", "Anna", 1960 + index, 1 + index % 12, 1 + index % 28, female: true)
        }
        let rows = people.enumerated().map { index, cf in
            DeliveryImportTests.row([
                "codice_fiscale": cf, "ref": "P-\(index)", "given_name": "Anna", "family_name": "Rossi",
                "service_code": "RT.LAV01", "date": "\(1 + index % 28)/02/2020",
            ])
        }
        let again = rows.prefix(10).map { $0.replacingOccurrences(of: "/02/2020", with: "/03/2020") }
        let csv = ([DeliveryImportTests.header] + rows + again).joined(separator: "\n") + "\n"
        let worker = try registry.session(as: "sw-alfa")
        let summary = try worker.imports.importDeliveries(
            from: .bytes(Array(csv.utf8), name: "former-pages.csv"), report: { Issue.record("problem: \($0)") })
        #expect(summary.rows == 50)
        #expect(summary.peopleCreated == 40)

        let first = try #require(try worker.records.findBeneficiary(codiceFiscale: people[0]))
        let file = try worker.sharing.caseFile(of: first, purpose: "presa_in_carico_condivisa")
        #expect(file.deliveries.count == 2)
        let verification = try registry.database.read { db in
            try AuditVerifier(references: [], keys: try AuditSigningKeys.load(db)).verify(db)
        }
        #expect(verification.isValid)
        #expect(try Self.fileSettings(location.database).pageSize == Self.formerPageSize)
    }

    /// A registry with an organisation `alfa` and its social worker `sw-alfa`, made in a new
    /// folder and closed again.
    static func closedRegistry(_ prefix: String) throws -> (folder: URL, location: RegistryLocation) {
        let scratch = try ScratchRegistry(prefix, network: Network(id: "rete", name: "Rete di prova"))
        let organisations = scratch.registry.organisations()
        try organisations.addOrganisation(
            Organisation(id: "alfa", name: "Cooperativa alfa", kind: .ets, networks: ["rete"]))
        try organisations.addUser(Operator(id: "sw-alfa", name: "Operatrice alfa", org: "alfa", role: .socialWorker))
        return (scratch.folder, scratch.registry.location)
    }

    /// Rewrites the closed registry database at `path` with pages of `size` bytes, as SQLite
    /// does it (`VACUUM` outside the write-ahead log): a registry as it was made before new
    /// ones got `RegistryDatabase.newPageSize`.
    static func convert(_ path: String, toPageSize size: Int) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA page_size = \(size)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }
}
