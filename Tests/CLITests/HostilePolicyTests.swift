import Foundation
import Testing

/// policies with syntax and type errors: `policy check` and `policy test` on a copy of
/// `Policies/` with one fault exit 1, name the file, line and column on stdout, say in one
/// sentence on stderr what went wrong, and change no file.
@Suite("faulty policy directories")
struct HostilePolicyTests {
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Policies")

    /// A copy of `Policies/` in `registry`'s folder, with `text` appended to `file`.
    private func faultyCopy(
        in registry: TemporaryRegistry, appending text: String, to file: String = "registry.cedar"
    ) throws -> String {
        let folder = registry.directory.appendingPathComponent("Policies")
        try FileManager.default.copyItem(at: Self.policies, to: folder)
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        return folder.path
    }

    /// Every file under `folder` and its bytes.
    private func contents(of folder: String) -> [String: Data] {
        let paths = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return Dictionary(
            uniqueKeysWithValues: paths.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    static let faults: [(fault: String, text: String, problem: String)] = [
        ("a syntax error", "\npermit(principal, action resource);\n", "unexpected `resource`, expected `,` or `)`"),
        (
            "an unfinished policy", "\nforbid(principal, action, resource) when { true ",
            "unexpected end of input, expected `}`"
        ),
        (
            "a type error", "\npermit(principal, action, resource) when { principal.role + 1 == 2 };\n",
            "expected Long but saw String"
        ),
        (
            "an unknown attribute", "\npermit(principal, action, resource) when { context.nope };\n",
            "attribute `nope` not found"
        ),
        (
            "an extension function", "\npermit(principal, action, resource) when { ip(\"10.0.0.1\").isIpv4() };\n",
            "outside the supported subset"
        ),
        ("a control character", "\npermit(principal, action, resource) when { \u{1B}[2J };\n", "\\u{1B}"),
    ]

    @Test(
        "policy check and policy test on a directory with a syntax error, a type error, an unknown attribute, an extension function or a control character exit 1 and change nothing",
        arguments: faults.indices)
    func faultyPoliciesFailTheChecks(fault: Int) throws {
        let (name, text, problem) = Self.faults[fault]
        let registry = try TemporaryRegistry()
        let folder = try faultyCopy(in: registry, appending: text)
        let before = contents(of: folder)
        for command in ["check", "test"] {
            let result = try registry.run(["policy", command, "--dir", folder], withDatabase: false)
            #expect(result.status == 1, "\(name), policy \(command): exit \(result.status): \(result.stderr)")
            #expect(
                result.stdout.contains("registry.cedar:"), "\(name), policy \(command): no location in \(result.stdout)"
            )
            #expect(result.stdout.contains(problem), "\(name), policy \(command): \(result.stdout)")
            #expect(
                result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("registro: "),
                "\(result.stderr)")
            #expect(
                !(result.stdout + result.stderr).unicodeScalars.contains {
                    $0.properties.generalCategory == .control && $0 != "\n"
                })
        }
        #expect(contents(of: folder) == before)
    }

    @Test("a schema that is not JSON fails the checks with its line and column")
    func brokenSchemaFailsTheChecks() throws {
        let registry = try TemporaryRegistry()
        let folder = try faultyCopy(in: registry, appending: "{", to: "schema.cedarschema.json")
        let result = try registry.run(["policy", "check", "--dir", folder], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stdout.contains("schema.cedarschema.json:"))
    }

    @Test("a test file that is not JSON is invalid input: exit 65, one sentence naming its line and column")
    func brokenTestFileIsInvalidInput() throws {
        let registry = try TemporaryRegistry()
        let folder = try faultyCopy(in: registry, appending: "[{", to: "tests/consent.test.json")
        let result = try registry.run(["policy", "test", "--dir", folder], withDatabase: false)
        #expect(result.status == 65)
        let prefix = "registro: \(folder)/tests/consent.test.json:"
        #expect(result.stderr.hasPrefix(prefix))
        #expect(result.stderr.split(separator: "\n").count == 1)
        // FILE:LINE:COL: the line and column of the stray text after the JSON object.
        let place = result.stderr.dropFirst(prefix.count).split(separator: ":", maxSplits: 2)
        #expect(place.count == 3 && Int(place[0]) != nil && Int(place[1]) != nil)
        #expect(result.stderr.contains("unexpected text after the JSON value"))
    }
}
