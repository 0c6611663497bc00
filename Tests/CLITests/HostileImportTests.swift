import Foundation
import Testing

/// hostile spreadsheets: each class of bad file exits 65, lists its problems as
/// `FILE:LINE: column: problem` then one closing sentence, echoes no personal value and no
/// control character, and leaves the registry exactly as it was.
@Suite("hostile import files")
struct HostileImportTests {
    static let header =
        "codice_fiscale,ref,given_name,family_name,birth_date,sex,citizenship,comune,phone,email,address,vulnerabilities,service_code,date,hours,channel,outcome,impact,notes,project,sensitive"
    /// A valid row, whose personal values no problem may echo.
    static let valid = [
        "", "R-7", "Ermengarda", "Tolomei", "1975-04-03", "F", "IT", "Asti", "3471112223", "erm@example.org",
        "Via Nizza 3", "disoccupazione", "RT.LAV01", "2021-03-04", "2", "cpi", "in_corso", "6", "NotaTolomei", "P1",
        "DiagnosiTolomei",
    ]
    static let personalValues = [
        "Ermengarda", "Tolomei", "1975-04-03", "3471112223", "erm@example.org", "Via Nizza 3", "NotaTolomei",
        "DiagnosiTolomei",
    ]

    /// The valid row with `column` set to `value`.
    static func row(_ column: String, _ value: String) -> String {
        var fields = valid
        fields[header.split(separator: ",").firstIndex(of: Substring(column))!] = value
        return fields.joined(separator: ",")
    }

    /// Imports `bytes` into a fresh copy of the hostile-input registry and expects the refusal,
    /// with exactly `problems` reported (any number when `problems` is empty).
    private func expectRefusedImport(
        _ bytes: Data, _ problems: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (registry, _, _) = try HostileInput.registry()
        let file = try registry.write("prestazioni.csv", bytes)
        let dump = try sqliteDump(registry.database)
        let result = try registry.run(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(result.status == 65, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        var lines = result.stderr.split(separator: "\n").map(String.init)
        let closing = lines.popLast() ?? ""
        #expect(
            closing.hasPrefix("registro: ") && closing.contains("nothing was imported"), "\(closing)",
            sourceLocation: sourceLocation)
        #expect(lines.allSatisfy { $0.hasPrefix("\(file):") }, "\(lines)", sourceLocation: sourceLocation)
        for problem in problems {
            #expect(
                lines.contains { $0.contains(problem) }, "`\(problem)` not in \(lines)", sourceLocation: sourceLocation)
        }
        #expect(
            problems.isEmpty ? !lines.isEmpty : lines.count == problems.count, "\(lines)",
            sourceLocation: sourceLocation)
        #expect(
            !result.stderr.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" },
            sourceLocation: sourceLocation)
        for value in Self.personalValues {
            #expect(!result.stderr.contains(value), "`\(value)` echoed", sourceLocation: sourceLocation)
        }
        #expect(try sqliteDump(registry.database) == dump, "the registry changed", sourceLocation: sourceLocation)
    }

    private func csv(_ rows: String...) -> Data {
        Data(([Self.header] + rows).joined(separator: "\n").utf8 + [0x0A])
    }

    @Test("malformed CSV: an unclosed quote, text after a closing quote, a short row, a binary file")
    func malformedCSV() throws {
        try expectRefusedImport(csv(Self.row("notes", "\"never closed")), [":2: a quoted field is never closed"])
        try expectRefusedImport(csv(Self.row("notes", "\"x\"y")), [":2: column 19: text follows a closing quote"])
        try expectRefusedImport(
            csv(Self.valid.prefix(10).joined(separator: ",")), [":2: has 10 fields where the header has 21"])
        try expectRefusedImport(Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7_919 &+ 13) }), [])
    }

    @Test("bad encoding: bytes neither UTF-8 nor Windows-1252, and NUL bytes")
    func badEncoding() throws {
        var bytes = csv(Self.row("given_name", "Ermengarda"))
        bytes[bytes.range(of: Data("garda".utf8))!.lowerBound] = 0x81
        try expectRefusedImport(bytes, [":2: given_name: character 6 is neither UTF-8 nor Windows-1252"])
        try expectRefusedImport(
            csv(Self.row("family_name", "Tolo\u{0}mei")), [":2: family_name: character 5 is a control character"])
    }

    @Test("an invalid codice fiscale: wrong check character, wrong length, impossible birth day")
    func invalidCodiceFiscale() throws {
        try expectRefusedImport(
            csv(
                Self.row("codice_fiscale", "RSSMRA80A01H501X"), Self.row("codice_fiscale", "RSSMRA80A01"),
                Self.row("codice_fiscale", "RSSMRA80A99H501U")),
            [":2: codice_fiscale:", ":3: codice_fiscale:", ":4: codice_fiscale:"])
    }

    @Test("unknown codes in every coded column")
    func unknownCodes() throws {
        let columns = ["sex", "citizenship", "vulnerabilities", "service_code", "channel", "outcome"]
        try expectRefusedImport(
            csv(columns.map { Self.row($0, "ZZ_IGNOTO") }.joined(separator: "\n")),
            columns.enumerated().map { ":\($0.offset + 2): \($0.element):" })
    }

    @Test("impossible dates: 30 February, month 13, year 1899, a delivery in the future")
    func impossibleDates() throws {
        try expectRefusedImport(
            csv(
                Self.row("date", "30/02/2021"), Self.row("date", "2021-13-01"), Self.row("birth_date", "1899-12-31"),
                Self.row("date", "2099-01-01")),
            [
                ":2: date: the month has fewer days", ":3: date: the month", ":4: birth_date:",
                ":5: date: is in the future",
            ])
    }

    @Test("oversize fields: every text column over its limit, and a 5 MB field")
    func oversizeFields() throws {
        let columns = [
            "ref", "given_name", "family_name", "comune", "phone", "email", "address", "notes", "project", "sensitive",
        ]
        try expectRefusedImport(
            csv(columns.map { Self.row($0, String(repeating: "a", count: 5_000)) }.joined(separator: "\n")),
            columns.enumerated().map { ":\($0.offset + 2): \($0.element):" })
        try expectRefusedImport(
            csv(Self.row("notes", String(repeating: "n", count: 5_000_000))), [":2: notes: is longer than the limit"])
    }

    @Test("a control character in every text column")
    func controlCharacters() throws {
        let columns = [
            "ref", "given_name", "family_name", "comune", "phone", "email", "address", "notes", "project", "sensitive",
        ]
        try expectRefusedImport(
            csv(columns.map { Self.row($0, "x\u{1B}[2Jy") }.joined(separator: "\n")),
            columns.enumerated().map { ":\($0.offset + 2): \($0.element): character 2 is a control character" })
        try expectRefusedImport(
            csv(Self.row("given_name", "Erm\u{1B}]0;titolo\u{07}") + ",extra\u{1B}"), [":2: has 22 fields"])
    }

    @Test("SQL metacharacters in every text column are imported as text and read back exactly")
    func sqlMetacharactersImportAsText() throws {
        let (registry, _, _) = try HostileInput.registry()
        let injection = #""Robert'); DROP TABLE delivery; -- "" OR 1=1""#
        var row = Self.valid
        for column in ["ref", "given_name", "family_name", "comune", "address", "notes", "project", "sensitive"] {
            row[Self.header.split(separator: ",").firstIndex(of: Substring(column))!] = injection
        }
        let file = try registry.write(
            "prestazioni.csv", Data((Self.header + "\n" + row.joined(separator: ",") + "\n").utf8))
        try registry.succeed(["import", "deliveries", file, "--as", "sw-alfa"])
        let text = #"Robert'); DROP TABLE delivery; -- " OR 1=1"#
        let id = try #require(
            try sqliteLines(registry.database, "SELECT id FROM beneficiary WHERE comune LIKE 'Robert%'").first)
        let shown = try registry.succeed([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--format", "json", "--as", "sw-alfa",
        ])
        #expect(
            shown.components(separatedBy: #"Robert'); DROP TABLE delivery; -- \" OR 1=1"#).count - 1 == 7, "\(shown)")
        #expect(
            try sqliteLines(registry.database, "SELECT ref, comune FROM beneficiary WHERE id = '\(id)'") == [
                "\(text)|\(text)"
            ])
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery") == 2)
    }
}
