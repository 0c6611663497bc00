import Foundation
import Testing

@Suite("a witness line cut short by a crash is named and skipped, the rest verified, through the binary")
struct WitnessCrashTests {
    @Test("audit verify names a witness line cut short by a crash, checks every other line, and exits 0")
    func aLineCutShortIsNamedAndTheRestVerified() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let path = registry.database + ".witness"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        // A crash in the middle of an append: the start of a line, no line feed.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines[0].prefix(90).utf8))
        try handle.close()

        let torn = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(torn.status == 0, "\(torn.stderr)")
        #expect(torn.stdout.contains("audit log verified"))
        #expect(torn.stdout.contains("the witness's line \(lines.count + 1) was cut short, by a crash while writing"))

        // The next command's line starts on a line of its own; the cut line stays named.
        let again = try registry.registro(["audit", "verify", "--format", "json", "--as", "dpo"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\"valid\" : true") || again.stdout.contains("\"valid\": true"))
        #expect(again.stdout.contains("cut short"))

        // The verifier script of Docs/PRIVACY.md skips the cut line likewise.
        let document = try String(
            contentsOf: AuditTestRegistry.packageRoot.appendingPathComponent("Docs/PRIVACY.md"), encoding: .utf8)
        let section = try #require(document.range(of: "### Verifying with your own script"))
        let start = try #require(document[section.upperBound...].range(of: "```python\n"))
        let end = try #require(document[start.upperBound...].range(of: "\n```"))
        let script = registry.path("verify_audit.py")
        try String(document[start.upperBound..<end.lowerBound]).write(toFile: script, atomically: true, encoding: .utf8)
        let python = try registry.python([script, registry.database, "--witness", path])
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")

        // A line that is not the start of a checkpoint is still damage.
        let other = try #require(FileHandle(forWritingAtPath: path))
        try other.seekToEnd()
        try other.write(contentsOf: Data("\nregistro-witness/v1 12 zz\n".utf8))
        try other.close()
        #expect(try registry.registro(["audit", "verify", "--as", "dpo"]).status == 65)
    }
}
