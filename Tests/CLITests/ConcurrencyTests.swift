import Foundation
import Testing

/// several processes writing at once wait for each other and lose nothing.
@Suite("several processes at once")
struct ConcurrencyTests {
    static let organisations = ["org1", "org2", "org3", "org4"]

    @Test(
        "four imports and four readers at once all succeed, lose nothing, never report a locked database, and leave a verifying chain"
    )
    func importersAndReadersAtOnceLoseNothing() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork(organisations: Self.organisations)
        let people = SyntheticSpreadsheet.people(1_300)
        let known = people[0]
        let knownID = try registry.succeed([
            "beneficiary", "add", "--given-name", known.givenName, "--family-name", known.familyName,
            "--cf", known.codiceFiscale, "--sex", "F", "--as", "sw-org1",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", knownID, "--service", "RT.LAV01", "--date", "2021-01-04", "--as",
            "sw-org1",
        ])
        // Each organisation serves 400 people, 100 of them served by the next one too, five times each.
        let files = try Self.organisations.enumerated().map { index, organisation in
            var lines = [SyntheticSpreadsheet.header]
            for (offset, person) in people[(index * 300)..<(index * 300 + 400)].enumerated() {
                for visit in 0..<5 {
                    lines.append(
                        SyntheticSpreadsheet.row(
                            person, ref: "R\(offset)", date: "2021-0\(2 + visit)-0\(1 + index)", note: "N\(offset)"))
                }
            }
            return try registry.write("\(organisation).csv", Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let before = try RegistryCounts(registry.database)

        let imports = Self.organisations.indices.map {
            ["import", "deliveries", files[$0], "--as", "sw-\(Self.organisations[$0])"]
        }
        let readings = [
            ["case", "show", knownID, "--purpose", "presa_in_carico_condivisa", "--format", "json", "--as", "sw-org1"],
            ["beneficiary", "find", "--cf", known.codiceFiscale, "--as", "sw-org2"],
            ["report", "deliveries", "--by", "org", "--format", "csv", "--as", "admin"],
            ["audit", "verify", "--as", "dpo"],
        ]
        // Every reader runs four times in a row while the four imports run.
        let importing = try imports.map { try registry.start($0) }
        let readers = ReadResults()
        DispatchQueue.concurrentPerform(iterations: readings.count) { index in
            for _ in 0..<4 {
                readers.append(
                    readings[index],
                    (try? registry.run(readings[index])) ?? CommandResult(status: -1, stdout: "", stderr: "not started")
                )
            }
        }
        let commands = imports + readers.commands
        let results = importing.map { $0.wait() } + readers.results

        for (command, result) in zip(commands, results) {
            #expect(
                result.status == 0,
                "\(command.prefix(2).joined(separator: " ")) exited \(result.status): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command.prefix(2).joined(separator: " ")) wrote: \(result.stderr)")
            #expect(
                !result.stderr.localizedCaseInsensitiveContains("locked")
                    && !result.stderr.localizedCaseInsensitiveContains("busy"))
        }
        let after = try RegistryCounts(registry.database)
        #expect(after.deliveries == before.deliveries + 4 * 2_000)
        #expect(after.people == 1_300, "every person once, whichever organisation imported them first")
        #expect(after.importBatches == before.importBatches + 4)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'import'") == 4)
        #expect(try registry.run(["audit", "verify", "--as", "dpo"]).status == 0)
        try Self.expectConsistentWitness(registry)
    }

    /// The witness the concurrent commands appended to holds whole checkpoint lines only, in
    /// increasing entry order, each the log's hash at its entry, the last one the log's head.
    private static func expectConsistentWitness(_ registry: TemporaryRegistry) throws {
        let text = try String(contentsOfFile: registry.database + ".witness", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let hashes = try sqliteLines(
            registry.database, "SELECT seq || ' ' || lower(hex(hash)) FROM audit_entry ORDER BY seq")
        let hashBySeq = Dictionary(
            uniqueKeysWithValues: hashes.map { line in
                let parts = line.split(separator: " ")
                return (Int(parts[0]) ?? -1, String(parts[1]))
            })
        var previous = 0
        for line in lines {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            try #require(fields.count == 6 && fields[0] == "registro-witness/v1", "a whole line: \(line)")
            let seq = try #require(Int(fields[1]))
            #expect(seq > previous, "lines in the log's order")
            #expect(hashBySeq[seq] == String(fields[2]), "the witnessed head is the log's hash at entry \(seq)")
            previous = seq
        }
        // The last verification wrote the head; its line is the last.
        #expect(previous == hashes.count)
    }
}

/// The commands readers ran and what they returned, appended from several threads.
private final class ReadResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var commands: [[String]] = []
    private(set) var results: [CommandResult] = []

    /// Records that `command` returned `result`.
    func append(_ command: [String], _ result: CommandResult) {
        lock.lock()
        defer { lock.unlock() }
        commands.append(command)
        results.append(result)
    }
}
