import Foundation
import Testing

@testable import CedarSubset

/// `policy test` over a policy directory written in a temporary folder: test files are read with
/// the engine's exact JSON reader, bare ids take the types the conventions give, and a malformed
/// test file is refused at its line and column.
@Suite struct PolicyTestSuiteTests {
    static let schema = """
        {"": {
          "entityTypes": {"User": {}, "Doc": {}},
          "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"],
            "context": {"type": "Record", "attributes": {"level": {"type": "Long"}, "night": {"type": "Boolean"}}}}}}
        }}
        """
    static let policies = """
        @id("alice-reads-by-day")
        permit(principal == User::"alice", action == Action::"read", resource)
        when { context.level == 9007199254740993 && !context.night };
        """
    static let entities = """
        [{"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": []},
         {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
         {"uid": {"type": "Doc", "id": "d1"}, "attrs": {}, "parents": []}]
        """
    static let userAndAction = PolicyTestSuite.Conventions(principalType: "User", actionType: "Action")

    /// A policy directory holding the policies, schema and entities above and `testFile` as
    /// `tests/t.test.json`; removed after `body`.
    private func withDirectory<Result>(
        testFile: String, _ body: (String) throws -> Result
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cedar-subset-policy-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tests = folder.appendingPathComponent("tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try Self.policies.write(to: folder.appendingPathComponent("p.cedar"), atomically: true, encoding: .utf8)
        try Self.schema.write(
            to: folder.appendingPathComponent(PolicyCheck.schemaFileName), atomically: true, encoding: .utf8)
        try Self.entities.write(to: tests.appendingPathComponent("entities.json"), atomically: true, encoding: .utf8)
        try testFile.write(to: tests.appendingPathComponent("t.test.json"), atomically: true, encoding: .utf8)
        return try body(folder.path)
    }

    /// A test file with the default context of `defaults` and `cases`.
    private func testFile(
        defaults: String = #"{"level": 9007199254740993, "night": false}"#, _ cases: String
    ) -> String {
        #"{"entities": "entities.json", "context": \#(defaults), "cases": [\#(cases)]}"#
    }

    /// Where `needle` first starts in the one-line `text`.
    private func location(of needle: String, in text: String) throws -> CedarSubset.SourceLocation {
        let range = try #require(text.range(of: needle))
        return CedarSubset.SourceLocation(line: 1, column: text[..<range.lowerBound].unicodeScalars.count + 1)
    }

    @Test func bareIDsTakeTheConventionsTypesAndIntegersStayExact() throws {
        let file = testFile(
            #"""
            {"name": "alice reads", "principal": "alice", "action": "read", "resource": "Doc::\"d1\"",
             "decision": "Allow", "determining": ["alice-reads-by-day"]},
            {"name": "bob does not", "principal": "User::\"bob\"", "action": "read", "resource": "Doc::\"d1\"",
             "decision": "Deny", "determining": []},
            {"name": "one more than the limit", "principal": "alice", "action": "read", "resource": "Doc::\"d1\"",
             "context": {"level": 9007199254740992}, "decision": "Deny"}
            """#)
        let report = try withDirectory(testFile: file) { directory in
            try PolicyTestSuite.run(directory: directory, conventions: Self.userAndAction)
        }
        #expect(report.passed, "\(report.failures)")
        #expect(report.files == 1 && report.cases == 3)
    }

    @Test func aCaseContextReplacesOnlyTheKeysItNamesAndAWrongExpectationIsAFailure() throws {
        let file = testFile(
            defaults: #"{"level": 9007199254740993, "night": true}"#,
            #"""
            {"name": "alice reads by day", "principal": "alice", "action": "read", "resource": "Doc::\"d1\"",
             "context": {"night": false}, "decision": "Allow", "determining": ["alice-reads-by-day"]},
            {"name": "alice reads at night", "principal": "alice", "action": "read", "resource": "Doc::\"d1\"",
             "decision": "Allow"}
            """#)
        let report = try withDirectory(testFile: file) { directory in
            try PolicyTestSuite.run(directory: directory, conventions: Self.userAndAction)
        }
        #expect(report.cases == 2)
        let failing = try #require(report.failures.first?.file)
        #expect(failing.hasSuffix("tests/t.test.json"))
        #expect(
            report.failures.map(\.description) == [
                #"\#(failing): case "alice reads at night": expected Allow, got Deny (default deny)"#
            ])
        #expect(!report.passed)
    }

    @Test func withoutConventionsABareIDIsRefusedWhereItIsWritten() throws {
        let file = testFile(
            #"""
            {"name": "alice reads", "principal": "alice", "action": "read", "resource": "Doc::\"d1\"",
             "decision": "Allow"}
            """#)
        let error = try withDirectory(testFile: file) { directory in
            try #require(throws: PolicyError.self) { try PolicyTestSuite.run(directory: directory) }
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.file?.hasSuffix("tests/t.test.json") == true)
        #expect(try diagnostic.location == location(of: #""alice""#, in: file))
        #expect(diagnostic.message.hasPrefix("`alice` is not an entity reference"))
    }

    @Test func aTestFileThatIsNotJSONIsRefusedAtItsLineAndColumn() throws {
        let error = try withDirectory(testFile: "{\"entities\": \"entities.json\",\n  \"cases\": [}") { directory in
            try #require(throws: PolicyError.self) {
                try PolicyTestSuite.run(directory: directory, conventions: Self.userAndAction)
            }
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location == CedarSubset.SourceLocation(line: 2, column: 13))
        #expect(error.diagnostics.count == 1)
    }

    @Test func aContextValueCedarCannotHoldIsRefusedWhereItIsWritten() throws {
        let file = testFile(defaults: #"{"level": 1.5}"#, "")
        let error = try withDirectory(testFile: file) { directory in
            try #require(throws: PolicyError.self) {
                try PolicyTestSuite.run(directory: directory, conventions: Self.userAndAction)
            }
        }
        #expect(try error.diagnostics.first?.location == location(of: "1.5", in: file))
        #expect(error.diagnostics.first?.message.hasPrefix("`1.5` is not a Cedar value") == true)
    }

    @Test func aCaseMissingItsDecisionIsRefusedNamingTheFormatGuide() throws {
        let file = testFile(
            #"{"name": "no decision", "principal": "alice", "action": "read", "resource": "Doc::\"d1\""}"#)
        let error = try withDirectory(testFile: file) { directory in
            try #require(throws: PolicyError.self) {
                try PolicyTestSuite.run(
                    directory: directory,
                    conventions: PolicyTestSuite.Conventions(principalType: "User", formatGuide: "the guide"))
            }
        }
        #expect(error.description.contains("case 1 needs `name`, `principal`, `action`, `resource` and `decision`"))
        #expect(error.description.hasSuffix("; see the guide"))
    }
}
