import Foundation
import Testing

@Suite("registro demo --spreadsheets")
struct DemoSpreadsheetsTests {
    @Test("writes each organisation's spreadsheet, owner-only, and the files re-import to the same deliveries")
    func spreadsheetsAreTheImportedFiles() throws {
        let registry = try TemporaryRegistry()
        let folder = registry.directory.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try registry.succeed(["demo", "--beneficiaries", "40", "--deliveries", "120", "--spreadsheets", folder.path])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 11 && files.allSatisfy { $0.hasSuffix(".csv") })
        var rows = 0
        for file in files {
            let path = folder.appendingPathComponent(file).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            rows += try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count - 1
        }
        #expect(rows == (try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery")))

        let again = try TemporaryRegistry()
        try again.setUpNetwork(organisations: ["coala"])
        let result = try again.run([
            "import", "deliveries", folder.appendingPathComponent("coala.csv").path, "--as", "sw-coala",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try sqliteCount(again.database, "SELECT COUNT(*) FROM delivery")
                == sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery WHERE org_id = 'coala'"))
    }
}
