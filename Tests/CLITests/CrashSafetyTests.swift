import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// an import killed at any moment leaves the registry as before it or with the whole
/// import, and the audit chain still verifies.
@Suite("an import killed at any moment")
struct CrashSafetyTests {
    /// How many times an import is killed.
    static let kills = 24

    @Test(
        "SIGKILL at 24 moments of an import leaves either nothing or all of it, an intact database and a verifying audit chain"
    )
    func killedImportLeavesNothingOrEverything() throws {
        let template = try TemporaryRegistry()
        try template.setUpNetwork()
        let people = SyntheticSpreadsheet.people(1_600)
        // The registry knows some of the file's people already, so the import matches as well as creates.
        try template.succeed([
            "import", "deliveries", try spreadsheet(people[..<100], visits: 1, in: template, name: "known.csv"),
            "--as", "sw-alfa",
        ])
        let file = try spreadsheet(people[...], visits: 4, in: template, name: "prestazioni.csv")
        let before = try RegistryCounts(template.database)

        // One import to the end gives the registry with all of it, and how long an import takes.
        let whole = try template.copy()
        let started = Date()
        try whole.succeed(["import", "deliveries", file, "--as", "sw-alfa"])
        let duration = Date().timeIntervalSince(started)
        let after = try RegistryCounts(whole.database)
        #expect(after.deliveries == before.deliveries + 6_400)
        #expect(after.importBatches == before.importBatches + 1)

        var untouched = 0
        for attempt in 0..<Self.kills {
            let registry = try template.copy()
            // From the start to beyond the end of an import, the last ones around its commit.
            let delay = duration * (Double(attempt) / Double(Self.kills - 4) + Double.random(in: -0.05...0.05))
            let process = try registry.start(["import", "deliveries", file, "--as", "sw-alfa"])
            usleep(useconds_t(max(0, delay) * 1_000_000))
            process.kill(SIGKILL)
            let ended = process.wait()

            let counts = try RegistryCounts(registry.database)
            #expect(
                counts == before || counts == after,
                "kill \(attempt) after \(delay) s (exit \(ended.status)) left \(counts)")
            if counts == before { untouched += 1 }
            #expect(try sqliteLines(registry.database, "PRAGMA integrity_check") == ["ok"])
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: registry.database + suffix) {
                let mode =
                    try FileManager.default.attributesOfItem(atPath: registry.database + suffix)[.posixPermissions]
                    as? Int
                #expect(mode == 0o600, "the \(suffix) file the killed import left is readable by others")
            }
            let verified = try registry.run(["audit", "verify", "--as", "dpo"])
            #expect(verified.status == 0, "kill \(attempt): \(verified.stderr)")
        }
        // The earliest kills always land before the commit.
        #expect(untouched > 0)
    }

    /// Writes a spreadsheet with `visits` deliveries to each of `people` and returns its path.
    private func spreadsheet(
        _ people: ArraySlice<SyntheticSpreadsheet.Person>, visits: Int, in registry: TemporaryRegistry, name: String
    ) throws -> String {
        var lines = [SyntheticSpreadsheet.header]
        for (index, person) in people.enumerated() {
            for visit in 0..<visits {
                lines.append(
                    SyntheticSpreadsheet.row(
                        person, ref: "R\(index)", date: "2021-0\(1 + visit)-1\(visit)", note: "Nota \(index).\(visit)"))
            }
        }
        return try registry.write(name, Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
