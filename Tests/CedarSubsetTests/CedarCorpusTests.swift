import Foundation
import Testing

@testable import CedarSubset

/// Cedar's own conformance corpus (restricted to Registro's subset): every request must get
/// Cedar's decision, the same set of determining policies, and errors exactly when Cedar
/// reports errors.
///
/// The corpus is read in place from `$REGISTRO_CEDAR_CORPUS` (a folder holding
/// `corpus-tests.tar.gz` or an extracted `corpus-tests/`), else from `../shared/cedar-corpus/`
/// beside the package. Where it is absent the test is skipped and says so.
@Suite struct CedarCorpusTests {
    @Test(.enabled(if: CedarCorpus.location != nil, "the Cedar corpus is absent: set REGISTRO_CEDAR_CORPUS to run it"))
    func everyCorpusRequestGetsCedarsAnswer() throws {
        let root = try CedarCorpus.extractedRoot()
        let testFiles = try FileManager.default.contentsOfDirectory(atPath: root + "/corpus-tests")
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".entities.json") }
            .sorted()
        var tests = 0
        var requests = 0
        var failures: [String] = []
        for name in testFiles {
            tests += 1
            let outcome = try CedarCorpus.run(testAt: root + "/corpus-tests/" + name, root: root)
            requests += outcome.requests
            failures += outcome.failures.map { "\(name): \($0)" }
        }
        print("Cedar corpus: \(tests) tests, \(requests) requests, \(requests - failures.count) agree with Cedar")
        #expect(tests == 6_536)
        #expect(requests == 52_288)
        #expect(
            failures.isEmpty,
            "\(failures.count) requests disagree with Cedar; first: \(failures.prefix(20).joined(separator: "\n"))")
    }
}

/// Finding, extracting and running the corpus.
enum CedarCorpus {
    /// The folder holding the corpus (tarball or extracted), if there is one.
    static var location: String? {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["REGISTRO_CEDAR_CORPUS"] {
            candidates.append(configured)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/cedar-corpus").path)
        return candidates.first { folder in
            fileManager.fileExists(atPath: folder + "/corpus-tests.tar.gz")
                || fileManager.fileExists(atPath: folder + "/corpus-tests")
        }
    }

    /// A folder holding `corpus-tests/`, extracting the tarball into a temporary folder if needed.
    static func extractedRoot() throws -> String {
        let folder = try #require(location)
        if FileManager.default.fileExists(atPath: folder + "/corpus-tests") { return folder }
        let destination = FileManager.default.temporaryDirectory
            .appendingPathComponent("registro-cedar-corpus-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["-xzf", folder + "/corpus-tests.tar.gz", "-C", destination]
        try tar.run()
        tar.waitUntilExit()
        try #require(tar.terminationStatus == 0, "tar could not extract the corpus")
        return destination
    }

    struct Outcome {
        var requests = 0
        var failures: [String] = []
    }

    /// Runs one corpus test file and compares every answer with Cedar's.
    static func run(testAt path: String, root: String) throws -> Outcome {
        let test = try JSONParser.parse(String(contentsOfFile: path, encoding: .utf8))
        let object = try #require(test.object)
        let policiesPath = root + "/" + (try #require(object["policies"]?.string))
        let entitiesPath = root + "/" + (try #require(object["entities"]?.string))
        let policies = try PolicySet(text: String(contentsOfFile: policiesPath, encoding: .utf8), file: policiesPath)
        let entities = try Entities(json: String(contentsOfFile: entitiesPath, encoding: .utf8), file: entitiesPath)
        let authorizer = Authorizer(policies: policies)
        let decoder = CedarJSONDecoder(text: "", file: path)
        var outcome = Outcome()
        for requestJSON in try #require(object["requests"]?.array) {
            outcome.requests += 1
            let fields = try #require(requestJSON.object)
            let request = Request(
                principal: try decoder.entityReference(try #require(fields["principal"])),
                action: try decoder.entityReference(try #require(fields["action"])),
                resource: try decoder.entityReference(try #require(fields["resource"])),
                context: try contextRecord(decoder.value(try #require(fields["context"]))))
            let decision = authorizer.authorize(request, entities: entities)
            let expectedDecision = fields["decision"]?.string == "allow" ? Decision.Outcome.allow : .deny
            let expectedReasons = Set((fields["reason"]?.array ?? []).compactMap(\.string))
            let expectedErrors = !(fields["errors"]?.array ?? []).isEmpty
            let reasons = Set(decision.reasons.map(\.id))
            if decision.outcome != expectedDecision || reasons != expectedReasons
                || decision.errors.isEmpty == expectedErrors
            {
                let description = fields["description"]?.string ?? "request"
                outcome.failures.append(
                    "\(description): expected \(expectedDecision) \(expectedReasons.sorted()) errors=\(expectedErrors), "
                        + "got \(decision.outcome) \(reasons.sorted()) errors=\(decision.errors.map(\.error.description))"
                )
            }
        }
        return outcome
    }

    private static func contextRecord(_ value: Value) throws -> Record {
        guard case .record(let record) = value else {
            Issue.record("a corpus context is not a record")
            return Record()
        }
        return record
    }
}
