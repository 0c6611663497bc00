import Foundation
import RegistroKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An erasure is complete in the files (wrapped key, sealed fields, blind index, special codes
/// overwritten, the write-ahead log emptied) before it is reported; while another program
/// holds a read transaction open, it fails with one clear error instead of saying "erased".
@Suite("erasure is complete or fails")
struct ErasureCompletenessTests {
    @Test(
        "with a sqlite3 reader holding a snapshot open, subject erase fails without saying erased; run again once the reader ends, it completes and no byte of the person remains"
    )
    func erasureWithAReaderFailsThenCompletes() throws {
        let registry = try TemporaryRegistry()
        let id = try SpecialCategoryTests.personWithSpecialCodes(registry)
        let codiceFiscale = try CodiceFiscale.make(
            familyName: "Vallauri", givenName: "Dorotea", birthDate: CalendarDate(year: 1980, month: 1, day: 1)!,
            sex: .female,
            placeCode: "A479"
        ).value
        let personID = try registry.succeed([
            "beneficiary", "add", "--given-name", "Dorotea", "--family-name", "Vallauri",
            "--cf", codiceFiscale, "--as", "sw-alfa",
        ])
        var traces: [String] = []
        for person in [id, personID] {
            traces += try sqliteLines(
                registry.database,
                """
                SELECT hex(wrapped_key) FROM beneficiary_key WHERE beneficiary_id = '\(person)'
                UNION ALL SELECT hex(given_name) FROM beneficiary WHERE id = '\(person)'
                UNION ALL SELECT hex(cf_index) FROM beneficiary WHERE id = '\(person)' AND cf_index IS NOT NULL
                UNION ALL SELECT hex(codes) FROM special_vulnerability WHERE beneficiary_id = '\(person)'
                """)
        }
        #expect(traces.count == 7)

        // A reader holds a snapshot taken before the erasure.
        let ready = registry.directory.appendingPathComponent("reader-ready").path
        let reader = try ChildProcess.start(
            "/usr/bin/sqlite3",
            [
                registry.database, "BEGIN; SELECT COUNT(*) FROM beneficiary;", ".shell touch '\(ready)'",
                ".shell sleep 600",
            ],
            environment: ["PATH": "/usr/bin:/bin"], directory: registry.directory.path)
        defer { reader.kill(SIGKILL); _ = reader.wait() }
        let started = Date()
        while !FileManager.default.fileExists(atPath: ready) {
            try #require(Date().timeIntervalSince(started) < 30, "the reader did not start")
            Thread.sleep(forTimeInterval: 0.05)
        }
        for person in [id, personID] {
            let blocked = try registry.run([
                "subject", "erase", person, "--reason", "richiesta art. 17 prot. 7", "--as", "dpo",
            ])
            #expect(blocked.status != 0)
            #expect(!blocked.stdout.contains("erased"), "\(blocked.stdout)")
            #expect(blocked.stderr.contains("read transaction open"), "\(blocked.stderr)")
            #expect(blocked.stderr.split(separator: "\n").count == 1)
        }

        reader.kill(SIGKILL)
        _ = reader.wait()
        for person in [id, personID] {
            let erased = try registry.run([
                "subject", "erase", person, "--reason", "richiesta art. 17 prot. 7", "--as", "dpo",
            ])
            #expect(erased.status == 0, "\(erased.stderr)")
            #expect(erased.stdout.contains("erased \(person)"))
        }
        let walSize =
            (try? FileManager.default.attributesOfItem(atPath: registry.database + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0, "the -wal file still holds \(walSize) bytes")
        let bytes = registry.databaseFiles()
        for trace in traces {
            #expect(
                bytes.range(of: SpecialCategoryTests.bytes(hex: trace)) == nil, "an erased value is still in the files")
        }
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM erasure") == 2)
    }
}
