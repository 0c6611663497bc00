import Foundation

/// `policy test`: checks a policy directory, then runs the cases of its `tests/*.test.json`
/// files (request, entities, expected decision and determining policies) against it. The format
/// is described in `Policies/tests/README.md`.
public enum PolicyTestSuite {
    /// A case whose decision or determining policies differ from the expected ones.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The test file.
        public let file: String
        /// The case's name.
        public let name: String
        /// What was expected, e.g. `Allow by owner-reads-and-records`.
        public let expected: String
        /// What the policies decided.
        public let got: String

        /// `FILE: case "NAME": expected …, got …`.
        public var description: String { "\(file): case \"\(name)\": expected \(expected), got \(got)" }
    }

    /// What a run found.
    public struct Report: Sendable {
        /// The check of the policies against their schema.
        public let check: PolicyCheck.Report
        /// The test files run.
        public let files: Int
        /// The cases run.
        public let cases: Int
        /// The cases that failed.
        public let failures: [Failure]

        /// Whether the policies check and every case passed.
        public var passed: Bool { check.problems.isEmpty && failures.isEmpty && cases > 0 }
    }

    /// Checks `directory`, then runs `directory/tests/*.test.json`.
    ///
    /// - Throws: `RegistroError` (invalid data) when a directory, a test file or its entities
    ///   cannot be read, naming the file and the problem.
    public static func run(directory: String) throws(RegistroError) -> Report {
        let check = try PolicyCheck.check(directory: directory)
        guard check.problems.isEmpty, let policies = check.policies else {
            return Report(check: check, files: 0, cases: 0, failures: [])
        }
        let folder = URL(fileURLWithPath: directory)
        let authorizer = Authorizer(policies: policies)
        let testFolder = folder.appendingPathComponent("tests")
        let testFiles = ((try? FileManager.default.contentsOfDirectory(atPath: testFolder.path)) ?? [])
            .filter { $0.hasSuffix(".test.json") }.sorted()
        guard !testFiles.isEmpty else {
            throw .invalidData("no test file `*.test.json` in `\(testFolder.relativePath)`; see Policies/tests/README.md")
        }
        var cases = 0
        var failures: [Failure] = []
        for name in testFiles {
            let path = testFolder.appendingPathComponent(name).relativePath
            let test = try TestFile(path: path, folder: testFolder)
            for testCase in test.cases {
                cases += 1
                let decision = authorizer.authorize(try testCase.request(path), entities: test.entities)
                let got = Outcome(allowed: decision.isAllowed, policies: decision.reasons.map { $0.annotatedID ?? $0.id })
                if got.allowed != testCase.expected.allowed
                    || (testCase.checksPolicies && Set(got.policies) != Set(testCase.expected.policies)) {
                    failures.append(Failure(file: path, name: testCase.name, expected: testCase.expected.description, got: got.description))
                }
            }
        }
        return Report(check: check, files: testFiles.count, cases: cases, failures: failures)
    }

    /// A decision and its determining policies, for comparing and showing.
    struct Outcome: CustomStringConvertible {
        let allowed: Bool
        let policies: [String]

        var description: String {
            (allowed ? "Allow" : "Deny") + (policies.isEmpty ? (allowed ? "" : " (default deny)") : " by " + policies.sorted().joined(separator: ", "))
        }
    }

    /// A test file: its entities, its default context and its cases.
    struct TestFile {
        let entities: Entities
        let cases: [Case]

        init(path: String, folder: URL) throws(RegistroError) {
            let document = try Self.object(PolicyFiles.text(of: path), path)
            guard let entitiesName = document["entities"] as? String else {
                throw .invalidData("\(path): `entities` must name an entity file beside it")
            }
            let entitiesPath = folder.appendingPathComponent(entitiesName).relativePath
            entities = try PolicyFiles.entities(at: entitiesPath)
            let context = document["context"] as? [String: Any] ?? [:]
            guard let cases = document["cases"] as? [[String: Any]], !cases.isEmpty else {
                throw .invalidData("\(path): `cases` must be a non-empty list of cases")
            }
            var parsed: [Case] = []
            for (index, object) in cases.enumerated() {
                parsed.append(try Case(object, defaultContext: context, path: path, index: index))
            }
            self.cases = parsed
        }

        static func object(_ text: String, _ path: String) throws(RegistroError) -> [String: Any] {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                // The policy engine's own JSON reader says where the text stops being JSON.
                do {
                    _ = try JSONParser.parse(text)
                } catch {
                    let location = LineTable(text).location(ofOffset: error.offset)
                    throw .invalidData("\(path):\(location.line):\(location.column): \(error.message)")
                }
                throw .invalidData("\(path): not a JSON object; see Policies/tests/README.md for the format")
            }
            return object
        }
    }

    /// One case: a request and what the policies should decide.
    struct Case {
        let name: String
        let requestJSON: String
        let expected: Outcome
        let checksPolicies: Bool

        init(_ object: [String: Any], defaultContext: [String: Any], path: String, index: Int) throws(RegistroError) {
            guard let name = object["name"] as? String, let principal = object["principal"] as? String,
                  let action = object["action"] as? String, let resource = object["resource"] as? String,
                  let decision = object["decision"] as? String, decision == "Allow" || decision == "Deny"
            else {
                throw .invalidData("\(path): case \(index + 1) needs `name`, `principal`, `action`, `resource` and `decision` (Allow or Deny)")
            }
            self.name = name
            var context = defaultContext
            for (key, value) in object["context"] as? [String: Any] ?? [:] {
                context[key] = value
            }
            let request: [String: Any] = [
                "principal": principal.contains("::") ? principal : "User::\"\(principal)\"",
                "action": action.contains("::") ? action : "Action::\"\(action)\"",
                "resource": resource, "context": context,
            ]
            guard let data = try? JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]) else {
                throw .invalidData("\(path): case \"\(name)\" has a context that is not JSON")
            }
            requestJSON = String(decoding: data, as: UTF8.self)
            let policies = object["determining"] as? [String]
            checksPolicies = policies != nil
            expected = Outcome(allowed: decision == "Allow", policies: policies ?? [])
        }

        func request(_ path: String) throws(RegistroError) -> Request {
            do {
                return try Request(json: requestJSON, file: path)
            } catch {
                throw .invalidData("\(path): case \"\(name)\": \(error.registroError.message)")
            }
        }
    }
}
