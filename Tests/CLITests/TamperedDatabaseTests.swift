import Foundation
@testable import RegistroKit
import Testing

/// a tampered database: someone holding the file changes sealed bytes with the
/// `sqlite3` shell. Every command that needs them exits 65 with one sentence naming the place,
/// never the content, and changes nothing.
@Suite("a tampered database")
struct TamperedDatabaseTests {
    /// Sets `column` of the row of `table` where `key` is `id` to `transform` of its bytes.
    private func tamper(
        _ registry: TemporaryRegistry, _ table: String, _ column: String, key: String, id: String,
        _ transform: ([UInt8]) -> [UInt8]
    ) throws {
        let hex = try #require(
            try sqliteLines(registry.database, "SELECT hex(\(column)) FROM \(table) WHERE \(key) = '\(id)'").first)
        let changed = Hex.encode(transform(try #require(Hex.decode(hex))))
        _ = try sqliteLines(registry.database, "UPDATE \(table) SET \(column) = X'\(changed)' WHERE \(key) = '\(id)'")
        #expect(
            try sqliteLines(registry.database, "SELECT hex(\(column)) FROM \(table) WHERE \(key) = '\(id)'") != [hex])
    }

    /// The bytes with the one at `index` inverted.
    private func flip(_ index: Int) -> ([UInt8]) -> [UInt8] {
        { bytes in
            var copy = bytes; copy[index] ^= 0xFF; return copy
        }
    }

    private func caseShow(_ registry: TemporaryRegistry, _ id: String) throws -> CommandResult {
        try registry.run(["case", "show", id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa"])
    }

    @Test("a flipped byte in a sealed field: case show exits 65 naming table, column and row, and changes nothing")
    func flippedByteInASealedField() throws {
        let (registry, person, _) = try HostileInput.registry()
        try tamper(registry, "beneficiary", "given_name", key: "id", id: person, flip(30))
        let dump = try sqliteDump(registry.database)
        let result = try caseShow(registry, person)
        try HostileInput.expectRefused(result, status: 65, registry: registry, unchangedFrom: dump, "case show")
        #expect(result.stderr.contains("beneficiary.given_name of row `\(person)`"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a changed wrapped data key: case show, delivery add with notes and keys rotate exit 65 and change nothing")
    func changedWrappedKey() throws {
        let (registry, person, _) = try HostileInput.registry()
        try tamper(registry, "beneficiary_key", "wrapped_key", key: "beneficiary_id", id: person, flip(40))
        let dump = try sqliteDump(registry.database)
        for (what, arguments) in [
            ("case show", ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa"]),
            (
                "delivery add",
                [
                    "delivery", "add", "--beneficiary", person, "--service", "RT.LAV02", "--date", "2021-06-06",
                    "--notes", "Nuova", "--as", "sw-alfa",
                ]
            ),
            ("keys rotate", ["keys", "rotate", "--as", "admin"]),
        ] {
            let result = try registry.run(arguments)
            try HostileInput.expectRefused(result, status: 65, registry: registry, unchangedFrom: dump, what)
            #expect(
                result.stderr.contains("data key of beneficiary `\(person)` does not open"), "\(what): \(result.stderr)"
            )
        }
    }

    @Test("sealed values moved between people or columns, and wrapped keys swapped between people, do not open")
    func movedCiphertextDoesNotOpen() throws {
        let (registry, person, _) = try HostileInput.registry()
        let other = try registry.succeed([
            "beneficiary", "add", "--given-name", "Altra", "--family-name", "Persona", "--sex", "M", "--as", "sw-alfa",
        ])
        let copy = try registry.copy()
        // The other person's given name copied onto the first person, and the first's family name into its given name.
        _ = try sqliteLines(
            registry.database,
            "UPDATE beneficiary SET given_name = (SELECT given_name FROM beneficiary WHERE id = '\(other)') WHERE id = '\(person)'"
        )
        _ = try sqliteLines(registry.database, "UPDATE beneficiary SET given_name = family_name WHERE id = '\(other)'")
        // In the copy, the two people's wrapped keys are swapped.
        let keys = "SELECT beneficiary_id, hex(wrapped_key) FROM beneficiary_key ORDER BY beneficiary_id"
        let before = try sqliteLines(copy.database, keys)
        _ = try sqliteLines(
            copy.database,
            """
            CREATE TEMP TABLE old AS SELECT * FROM beneficiary_key;
            UPDATE beneficiary_key SET wrapped_key = (SELECT wrapped_key FROM old WHERE old.beneficiary_id =
                CASE beneficiary_key.beneficiary_id WHEN '\(person)' THEN '\(other)' ELSE '\(person)' END)
            WHERE beneficiary_id IN ('\(person)', '\(other)')
            """)
        let swapped = try sqliteLines(copy.database, keys)
        #expect(
            swapped.map { $0.split(separator: "|").last } == before.reversed().map { $0.split(separator: "|").last })
        for target in [registry, copy] {
            let dump = try sqliteDump(target.database)
            for id in [person, other] {
                try HostileInput.expectRefused(
                    try caseShow(target, id), status: 65, registry: target, unchangedFrom: dump,
                    personalValues: HostileInput.personalValues + ["Altra", "Persona"], "case show \(id)")
            }
        }
    }
}
