// Fuzz target for the policy engine's JSON readers: any bytes, read as UTF-8, are offered to the
// Cedar JSON entity list reader, the request reader and the record (context) reader; each must
// read them or refuse them with diagnostics — never crash, hang or exhaust the stack. What is
// read is then decided by the registry's own policies (`Policies/registry.cedar`): a request
// against the entities of `Policies/tests/`, the entities read as principals and resources of
// requests of their own. Every decision must keep Cedar's rule: allowed only by a satisfied
// permit, denied by any satisfied forbid.
//
// `make fuzz TARGET=policy-json` runs it under libFuzzer; `swift run PolicyJSONFuzz FILE…`
// replays inputs, printing what each reader made of them.

import Foundation
import FuzzDriver
import CedarSubset

/// The registry's policies and the entities and context their tests use, read once.
enum Fixture {
    /// The package's folder, where `Policies/` is.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// An authorizer over the registry's policies.
    static let authorizer = Authorizer(
        policies: load { try PolicyFiles.policySet(at: path("Policies/registry.cedar")) })
    /// The entities the policy tests decide requests against.
    static let entities = load { try PolicyFiles.entities(at: path("Policies/tests/entities.json")) }
    /// A context as the access gate gives it, for the requests made of the entities read.
    static let context = load {
        try Record(
            json:
                #"{"consented": ["identity", "services"], "explicit_consent": false, "emergency": false, "now": 1600000000}"#
        )
    }
    /// The actions the entities read are asked about, besides those they declare themselves.
    static let actions = ["read", "record", "lookup", "export", "report"].map { EntityUID(type: "Action", id: $0) }

    /// The absolute path of `relative`, a path in the package.
    static func path(_ relative: String) -> String {
        repository.appendingPathComponent(relative).path
    }

    /// What `read` reads; the target cannot run without it.
    static func load<Loaded>(_ read: () throws -> Loaded) -> Loaded {
        do {
            return try read()
        } catch {
            fatalError("the fuzz target's fixture cannot be read: \(error)")
        }
    }
}

/// Reads one input with each reader and decides what they read.
func readPolicyJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else { return "not UTF-8" }
    let entities = Result { () throws(PolicyError) -> Entities in try Entities(json: text, file: "input.json") }
    let request = Result { () throws(PolicyError) -> Request in try Request(json: text, file: "input.json") }
    let record = Result { () throws(PolicyError) -> Record in try Record(json: text, file: "input.json") }
    var decisions = 0
    if case .success(let request) = request {
        check(Fixture.authorizer.authorize(request, entities: Fixture.entities))
        decisions += 1
    }
    if case .success(let entities) = entities {
        // Sorted, so that the same input asks the same questions in every process.
        let all = entities.all.map(\.uid).sorted { $0.description < $1.description }
        let actions = all.filter(\.isAction).prefix(3) + Fixture.actions
        for principal in all.prefix(3) {
            for resource in all.prefix(3) {
                for action in actions {
                    let request = Request(
                        principal: principal, action: action, resource: resource, context: Fixture.context)
                    check(Fixture.authorizer.authorize(request, entities: entities))
                    decisions += 1
                }
            }
        }
    }
    return "entities: \(describe(entities) { "\($0.count)" }); request: \(describe(request) { _ in "read" }); "
        + "record: \(describe(record) { "\($0.count) attributes" }); \(decisions) decisions"
}

/// What a reader made of the input; a refusal must give at least one diagnostic.
func describe<Read>(_ result: Result<Read, PolicyError>, _ success: (Read) -> String) -> String {
    switch result {
    case .success(let read):
        return success(read)
    case .failure(let error):
        precondition(!error.diagnostics.isEmpty, "a refusal gives at least one diagnostic")
        return "refused (\(error.diagnostics.count) diagnostics)"
    }
}

/// Checks Cedar's rule on a decision: allowed only by satisfied permits, and never while a
/// forbid is satisfied.
func check(_ decision: Decision) {
    if decision.isAllowed {
        precondition(
            !decision.reasons.isEmpty && decision.reasons.allSatisfy { $0.effect == .permit },
            "an allowed request names the permits that allowed it")
    } else {
        precondition(decision.reasons.allSatisfy { $0.effect == .forbid }, "a denied request names only forbids")
    }
}

/// The program: the fuzz driver running `readPolicyJSON`.
@main
enum PolicyJSONFuzz {
    static func main() { FuzzDriver.main(readPolicyJSON) }
}
