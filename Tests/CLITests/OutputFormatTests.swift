import Foundation
import RegistroTestSupport
import Testing

/// Every command that prints data, run with every `--format`: what it prints is what the format
/// says, and a format the command has not is refused with one sentence, exit 64, and nothing
/// read or recorded.
@Suite("--format of every data-printing command, through the registro binary")
struct OutputFormatTests {
    /// A registry with a person owned by `alfa`, one delivery, a consent to the network, and a
    /// coordinator at `alfa`.
    private static func registry() throws -> (TemporaryRegistry, String) {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.succeed([
            "user", "add", "--id", "coord", "--name", "Coordinatore", "--org", "alfa",
            "--role", "coordinator", "--as", "admin",
        ])
        let id = try registry.succeed([
            "beneficiary", "add", "--given-name", "Prova", "--family-name", "Formato",
            "--sex", "F", "--vulnerabilities", "disoccupazione", "--as", "sw-alfa",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2020-02-03",
            "--hours", "1,5", "--as", "sw-alfa",
        ])
        try registry.succeed([
            "consent", "grant", "--beneficiary", id, "--to", "rete", "--purpose",
            "presa_in_carico_condivisa", "--scope", "identity,services", "--as", "sw-alfa",
        ])
        return (registry, id)
    }

    /// Each data-printing command and the formats it has.
    private static func commands(_ id: String) -> [(arguments: [String], formats: Set<String>)] {
        let all: Set<String> = ["table", "json", "csv", "html"]
        let tables: Set<String> = ["table", "json", "csv"]
        let purpose = "presa_in_carico_condivisa"
        return [
            (["codes", "service"], tables),
            (["network", "list"], tables),
            (["org", "list"], tables),
            (["user", "list"], tables),
            (["consent", "list", "--beneficiary", id, "--as", "sw-alfa"], tables),
            (["case", "show", id, "--purpose", purpose, "--as", "sw-beta"], ["table", "json"]),
            (
                [
                    "policy", "explain", "--beneficiary", id, "--category", "identity", "--purpose", purpose,
                    "--as", "sw-beta",
                ], tables
            ),
            (["report", "deliveries", "--by", "org,axis", "--as", "coord"], all),
            (["report", "overlaps", "--as", "coord"], all),
            (["report", "scheda", "--org", "alfa", "--as", "coord"], all),
            (["audit", "log", "--as", "dpo"], tables),
            (["audit", "subject-report", id, "--as", "dpo"], all),
            (["audit", "overview", "--as", "dpo"], ["table", "json", "html"]),
            (["audit", "verify", "--as", "dpo"], ["table", "json"]),
        ]
    }

    @Test("every format a command has prints what it says; every other is refused and changes nothing")
    func everyFormatDoesWhatItSaysOrIsRefused() throws {
        let (registry, id) = try Self.registry()
        for (arguments, formats) in Self.commands(id) {
            for format in ["table", "json", "csv", "html"] {
                let command = (arguments + ["--format", format]).joined(separator: " ")
                let entries = try sqliteCount(registry.database, "SELECT COUNT(*) FROM audit_entry")
                let result = try registry.run(arguments + ["--format", format])
                guard formats.contains(format) else {
                    #expect(result.status == 64, "\(command) exited \(result.status)")
                    #expect(result.stdout.isEmpty, "\(command) printed something")
                    #expect(result.stderr.hasPrefix("registro: --format \(format): "), "\(command): \(result.stderr)")
                    #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
                    #expect(
                        try sqliteCount(registry.database, "SELECT COUNT(*) FROM audit_entry") == entries,
                        "\(command) was refused but recorded something")
                    continue
                }
                #expect(result.status == 0, "\(command) exited \(result.status): \(result.stderr)")
                Self.expect(result.stdout, is: format, command)
            }
        }
    }

    @Test("the subject export is JSON, and a report written to a file is the format asked for")
    func theExportIsJSONAndAReportFileHoldsItsFormat() throws {
        let (registry, id) = try Self.registry()
        let export = try registry.run(["subject", "export", id, "--as", "coord"])
        #expect(export.status == 0, "\(export.stderr)")
        Self.expect(export.stdout, is: "json", "subject export")
        for format in ["json", "csv", "html"] {
            let file = registry.directory.appendingPathComponent("report.\(format)").path
            try registry.succeed(
                ["report", "deliveries", "--by", "axis", "--format", format, "--out", file, "--as", "coord"])
            Self.expect(try String(contentsOfFile: file, encoding: .utf8), is: format, "report deliveries --out")
        }
    }

    /// Checks that `output` of `command` is in `format`: JSON parses; CSV has a header and the
    /// same number of fields on every record (but for a report's last line: its note, after
    /// `# `); HTML is a standalone page; a table is none of these.
    private static func expect(_ output: String, is format: String, _ command: String) {
        #expect(!output.isEmpty, "\(command) printed nothing")
        switch format {
        case "json":
            #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) != nil, "\(command): not JSON")
        case "csv":
            var records = CSVRecords.parse(output)
            if records.count > 1, let last = records.last, last.count == 1, last[0].hasPrefix("# ") {
                records.removeLast()
            }
            #expect(records.count >= 1 && !(records.first?.contains("") ?? true), "\(command): no header row")
            #expect(Set(records.map(\.count)).count == 1, "\(command): records of \(Set(records.map(\.count))) fields")
        case "html":
            #expect(output.hasPrefix("<!DOCTYPE html>") && output.contains("</html>"), "\(command): not a page")
            #expect(!output.contains("<script"), "\(command): a script in the page")
        default:
            #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) == nil, "\(command): JSON as a table")
            #expect(!output.hasPrefix("<"), "\(command): markup as a table")
        }
    }
}
