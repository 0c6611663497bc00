import Foundation

/// `policy test`: checks a policy directory, then runs the cases of its `tests/*.test.json`
/// files (request, entities, expected decision and determining policies) against it.
///
/// A test file is a JSON object: `entities` names a Cedar JSON entity file beside it, `context`
/// (optional) is the default context of every case, and `cases` lists the cases, each with a
/// `name`, a `principal`, an `action`, a `resource` (entity references as in a request; a bare id
/// takes the type the ``Conventions`` give), an optional `context` whose keys replace the
/// default's, a `decision` (`Allow` or `Deny`) and optionally the `determining` policies, by
/// `@id`. The files are read with the engine's own JSON reader, so integers stay exact and every
/// problem is reported at its line and column.
public enum PolicyTestSuite {
    /// What the policies under test leave to their tests to say: the entity types of a
    /// principal or an action written as a bare id, and where the test format is described.
    public struct Conventions: Sendable {
        /// The entity type of a `principal` written as a bare id (`"alice"` for `User::"alice"`),
        /// or `nil` to require a full entity reference.
        public var principalType: String?
        /// The entity type of an `action` written as a bare id (`"read"` for `Action::"read"`),
        /// or `nil` to require a full entity reference.
        public var actionType: String?
        /// Where the test file format is described, named in messages about a malformed test file.
        public var formatGuide: String?

        /// Conventions with the given bare-id types and format guide; by default, none.
        public init(principalType: String? = nil, actionType: String? = nil, formatGuide: String? = nil) {
            self.principalType = principalType
            self.actionType = actionType
            self.formatGuide = formatGuide
        }

        /// `; see GUIDE`, or nothing when there is no guide.
        var seeGuide: String { formatGuide.map { "; see \($0)" } ?? "" }
    }

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
        public var description: String {
            ControlCharacterEscaping.escaped("\(file): case \"\(name)\": expected \(expected), got \(got)")
        }
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
    /// - Parameters:
    ///   - directory: The policy directory: `*.cedar` files, their schema and `tests/`.
    ///   - conventions: How the tests write principals and actions, and where their format is
    ///     described.
    /// - Throws: ``PolicyError`` when a directory, a test file or its entities cannot be read,
    ///   naming the file, the problem and, where it has one, its line and column.
    public static func run(directory: String, conventions: Conventions = Conventions()) throws(PolicyError) -> Report {
        let check = try PolicyCheck.check(directory: directory)
        guard check.problems.isEmpty, let policies = check.policies else {
            return Report(check: check, files: 0, cases: 0, failures: [])
        }
        let authorizer = Authorizer(policies: policies)
        let testFolder = URL(fileURLWithPath: directory).appendingPathComponent("tests")
        let testFiles = ((try? FileManager.default.contentsOfDirectory(atPath: testFolder.path)) ?? [])
            .filter { $0.hasSuffix(".test.json") }.sorted()
        guard !testFiles.isEmpty else {
            throw PolicyError("no test file `*.test.json` in `\(testFolder.relativePath)`\(conventions.seeGuide)")
        }
        var cases = 0
        var failures: [Failure] = []
        for name in testFiles {
            let path = testFolder.appendingPathComponent(name).relativePath
            let test = try TestFile(path: path, folder: testFolder, conventions: conventions)
            for testCase in test.cases {
                cases += 1
                let decision = authorizer.authorize(testCase.request, entities: test.entities)
                let got = Outcome(
                    allowed: decision.isAllowed, policies: decision.reasons.map { $0.annotatedID ?? $0.id })
                if got.allowed != testCase.expected.allowed
                    || (testCase.checksPolicies && Set(got.policies) != Set(testCase.expected.policies))
                {
                    failures.append(
                        Failure(
                            file: path, name: testCase.name, expected: testCase.expected.description,
                            got: got.description))
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
            let verdict = allowed ? "Allow" : "Deny"
            if policies.isEmpty { return allowed ? verdict : verdict + " (default deny)" }
            return verdict + " by " + policies.sorted().joined(separator: ", ")
        }
    }
}
