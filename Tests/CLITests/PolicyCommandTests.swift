import Foundation
import Testing

/// `registro policy eval` and `registro policy check` through the built binary: output, exit
/// statuses and error messages.
@Suite struct PolicyCommandTests {
    /// A temporary directory with the given files.
    private func directory(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registro-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, contents) in files {
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let policies = """
        @id("coordinators-read")
        permit(principal is User, action == Action::"read", resource) when { principal.role == "coordinator" };
        forbid(principal, action, resource) when { context.restricted };
        """
    static let entities = """
        [{"uid": {"type": "User", "id": "c"}, "attrs": {"role": "coordinator"}, "parents": []},
         {"uid": {"type": "User", "id": "w"}, "attrs": {"role": "social_worker"}, "parents": []}]
        """

    @Test func evalPrintsOneDecision() throws {
        let folder = try directory([
            "p.cedar": Self.policies, "e.json": Self.entities,
            "r.json":
                #"{"principal": "User::\"c\"", "action": "Action::\"read\"", "resource": "Doc::\"d\"", "context": {"restricted": false}}"#,
        ])
        let result = try RegistroBinary.run([
            "policy", "eval", "--policies", folder.appendingPathComponent("p.cedar").path,
            "--entities", folder.appendingPathComponent("e.json").path,
            "--request", folder.appendingPathComponent("r.json").path,
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == #"{"decision": "Allow", "reasons": ["policy0"], "errors": [], "annotated_ids": {"policy0": "coordinators-read"}}"#
                + "\n")
    }

    @Test func evalBatchPrintsOneLinePerRequestInOrder() throws {
        let lines = [
            #"{"principal": {"type": "User", "id": "c"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}, "context": {"restricted": true}}"#,
            "",
            #"{"principal": {"type": "User", "id": "w"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}, "context": {}}"#,
            #"{"principal": {"type": "User", "id": "c"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}, "context": {"restricted": false}}"#,
        ]
        let folder = try directory([
            "p.cedar": Self.policies, "e.json": Self.entities, "r.jsonl": lines.joined(separator: "\n") + "\n",
        ])
        let result = try RegistroBinary.run([
            "policy", "eval", "--policies", folder.appendingPathComponent("p.cedar").path,
            "--entities", folder.appendingPathComponent("e.json").path,
            "--batch", folder.appendingPathComponent("r.jsonl").path,
        ])
        #expect(result.status == 0)
        let decisions = result.stdout.split(separator: "\n")
        #expect(decisions.count == 3)
        #expect(decisions[0].hasPrefix(#"{"decision": "Deny", "reasons": ["policy1"], "errors": []"#))
        #expect(decisions[1].hasPrefix(#"{"decision": "Deny", "reasons": [], "errors": [{"policy": "policy1""#))
        #expect(decisions[2].hasPrefix(#"{"decision": "Allow", "reasons": ["policy0"]"#))
    }

    @Test func evalNeedsExactlyOneOfRequestAndBatch() throws {
        let result = try RegistroBinary.run(["policy", "eval", "--policies", "p.cedar", "--entities", "e.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--request"))
    }

    @Test func evalRefusesABadPolicyFileWithItsLocation() throws {
        let folder = try directory([
            "p.cedar": "permit(principal, action, resource)\nwhen { principal.role == };", "e.json": "[]",
            "r.json": "{}",
        ])
        let path = folder.appendingPathComponent("p.cedar").path
        let result = try RegistroBinary.run([
            "policy", "eval", "--policies", path, "--entities", folder.appendingPathComponent("e.json").path,
            "--request", folder.appendingPathComponent("r.json").path,
        ])
        #expect(result.status == 65)
        #expect(result.stderr == "registro: \(path):2:26: unexpected `}`, expected an expression\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func evalRefusesABadBatchLineWithItsLineNumber() throws {
        let folder = try directory([
            "p.cedar": Self.policies, "e.json": Self.entities,
            "r.jsonl":
                "{\"principal\": \"User::\\\"c\\\"\", \"action\": \"Action::\\\"read\\\"\", \"resource\": \"D::\\\"d\\\"\"}\n{\"principal\": 1}\n",
        ])
        let path = folder.appendingPathComponent("r.jsonl").path
        let result = try RegistroBinary.run([
            "policy", "eval", "--policies", folder.appendingPathComponent("p.cedar").path,
            "--entities", folder.appendingPathComponent("e.json").path, "--batch", path,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("registro: \(path):2:"))
        #expect(result.stdout.isEmpty)
    }

    @Test func evalValidatesAgainstASchemaWhenGiven() throws {
        let folder = try directory([
            "p.cedar": #"permit(principal, action == Action::"read", resource) when { principal.age > 1 };"#,
            "e.json": "[]",
            "r.json": #"{"principal": "User::\"c\"", "action": "Action::\"read\"", "resource": "User::\"c\""}"#,
            "s.json":
                #"{"": {"entityTypes": {"User": {}}, "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["User"]}}}}}"#,
        ])
        let result = try RegistroBinary.run([
            "policy", "eval", "--policies", folder.appendingPathComponent("p.cedar").path,
            "--entities", folder.appendingPathComponent("e.json").path,
            "--request", folder.appendingPathComponent("r.json").path, "--schema",
            folder.appendingPathComponent("s.json").path,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("p.cedar:1:62: attribute `age` not found"))
    }

    @Test func checkListsEveryProblemAndExitsOne() throws {
        let folder = try directory([
            "a.cedar": "permit(principal, action, resource is Sectio);\n",
            "b.cedar": "permit(principal, action, resource) when { principal.nope };\n",
            "schema.cedarschema.json":
                #"{"": {"entityTypes": {"User": {}, "Section": {}}, "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Section"]}}}}}"#,
        ])
        let result = try RegistroBinary.run(["policy", "check", "--dir", folder.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines[0].hasSuffix("a.cedar:1:1: unable to find an applicable action given the policy scope constraints"))
        #expect(lines[1].hasSuffix("a.cedar:1:27: unrecognized entity type `Sectio`"))
        #expect(lines[2].hasSuffix("b.cedar:1:44: attribute `nope` not found on entity type `User`"))
        #expect(result.stderr == "registro: 3 problems in `\(folder.path)`\n")
    }

    @Test func checkPassesACleanDirectory() throws {
        let folder = try directory([
            "a.cedar": #"permit(principal is User, action == Action::"read", resource is Section);"#,
            "schema.cedarschema.json":
                #"{"": {"entityTypes": {"User": {}, "Section": {}}, "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Section"]}}}}}"#,
        ])
        let result = try RegistroBinary.run(["policy", "check", "--dir", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout == "1 policy in 1 file: no problem\n")
    }

    @Test func checkOfAMissingDirectoryIsInvalidInput() throws {
        let result = try RegistroBinary.run(["policy", "check", "--dir", "/nonexistent-registro-policies"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("cannot read the directory"))
    }
}
