import CedarSubset

/// The policy engine's tooling as the registry's front ends use it (`policy eval`, `policy
/// check`, `policy test`): the registry's conventions for policy tests, and the engine's errors
/// turned into ``RegistroError``s (invalid data).
public enum PolicyTools {
    /// How the registry's policy tests write requests: a bare principal is a `User`, a bare
    /// action an `Action`, as in the registry's schema; the format is described beside the
    /// default policies.
    public static let testConventions = PolicyTestSuite.Conventions(
        principalType: "User", actionType: "Action", formatGuide: "Policies/tests/README.md")

    /// Checks the policies of `directory` against its schema (``PolicyCheck``).
    /// - Throws: ``RegistroError`` (invalid data) when the directory or a file cannot be read.
    public static func check(directory: String) throws(RegistroError) -> PolicyCheck.Report {
        try registryErrors { () throws(PolicyError) in try PolicyCheck.check(directory: directory) }
    }

    /// Checks `directory`, then runs its `tests/*.test.json` cases with the registry's
    /// conventions (``PolicyTestSuite``).
    /// - Throws: ``RegistroError`` (invalid data) when a directory, a test file or its entities
    ///   cannot be read, naming the file, the problem and where it is.
    public static func test(directory: String) throws(RegistroError) -> PolicyTestSuite.Report {
        try registryErrors { () throws(PolicyError) in
            try PolicyTestSuite.run(directory: directory, conventions: testConventions)
        }
    }

    /// The policies in the Cedar file at `path`, compiled.
    /// - Throws: ``RegistroError`` (invalid data) listing every problem with its line and column.
    public static func policySet(at path: String) throws(RegistroError) -> PolicySet {
        try registryErrors { () throws(PolicyError) in try PolicyFiles.policySet(at: path) }
    }

    /// Validates `policies` against the schema in the Cedar JSON schema file at `path`.
    /// - Throws: ``RegistroError`` (invalid data) listing every problem of the schema or of the
    ///   policies, each as `FILE:LINE:COL: problem`.
    public static func validate(_ policies: PolicySet, againstSchemaAt path: String) throws(RegistroError) {
        try registryErrors { () throws(PolicyError) in try PolicyFiles.validate(policies, againstSchemaAt: path) }
    }

    /// The entities in the Cedar JSON entity file at `path`.
    /// - Throws: ``RegistroError`` (invalid data) naming the first problem and where it is.
    public static func entities(at path: String) throws(RegistroError) -> Entities {
        try registryErrors { () throws(PolicyError) in try PolicyFiles.entities(at: path) }
    }

    /// The request in the JSON file at `path`.
    /// - Throws: ``RegistroError`` (invalid data) naming the first problem and where it is.
    public static func request(at path: String) throws(RegistroError) -> Request {
        try registryErrors { () throws(PolicyError) in try PolicyFiles.request(at: path) }
    }

    /// The requests of the JSON Lines file at `path`, one per non-blank line, in order.
    /// - Throws: ``RegistroError`` (invalid data) naming the first bad line, as `FILE:LINE:COL`.
    public static func requests(inLinesAt path: String) throws(RegistroError) -> [Request] {
        try registryErrors { () throws(PolicyError) in try PolicyFiles.requests(inLinesAt: path) }
    }

    /// What `body` returns, its policy engine error turned into the registry's.
    private static func registryErrors<Result>(
        _ body: () throws(PolicyError) -> Result
    ) throws(RegistroError) -> Result {
        do {
            return try body()
        } catch {
            throw error.registroError
        }
    }
}
