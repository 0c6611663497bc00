import Testing

@testable import CedarSubset

/// Decisions follow Cedar's rules: default deny, forbid overrides permit, erroring policies are
/// skipped and reported, reasons are positional ids with their `@id`.
@Suite struct AuthorizerTests {
    let user = EntityUID(type: "User", id: "u")
    let section = EntityUID(type: "Section", id: "s")
    let read = EntityUID(type: "Action", id: "read")

    private func decide(_ text: String, action: EntityUID? = nil, entities: [Entity] = []) throws -> Decision {
        let store = try Entities(entities + [Entity(uid: user, attributes: ["role": "coordinator"])])
        return Authorizer(policies: try PolicySet(text: text)).authorize(
            Request(principal: user, action: action ?? read, resource: section), entities: store)
    }

    @Test func noPolicyMeansDeny() throws {
        let decision = try decide("")
        #expect(decision.outcome == .deny && decision.reasons.isEmpty && decision.errors.isEmpty)
    }

    @Test func forbidOverridesPermitAndIsTheReason() throws {
        let decision = try decide(
            """
            permit(principal, action, resource);
            @id("never") forbid(principal, action == Action::"read", resource);
            """)
        #expect(decision.outcome == .deny)
        #expect(decision.reasons.map(\.id) == ["policy1"])
        #expect(decision.reasons.map(\.annotatedID) == ["never"])
    }

    @Test func allowNamesEverySatisfiedPermit() throws {
        let decision = try decide(
            """
            @id("a") permit(principal, action, resource);
            permit(principal is User, action, resource) when { principal.role == "coordinator" };
            permit(principal, action, resource) when { false };
            """)
        #expect(decision.outcome == .allow)
        #expect(decision.reasons.map(\.id) == ["policy0", "policy1"])
    }

    @Test func erroringPoliciesAreSkippedAndReported() throws {
        let decision = try decide(
            """
            forbid(principal, action, resource) when { principal.missing };
            permit(principal, action, resource);
            """)
        #expect(decision.outcome == .allow)
        #expect(decision.errors.map(\.policy.id) == ["policy0"])
        #expect(decision.errors[0].error.kind == .attributeDoesNotExist)
        #expect(decision.errors[0].error.location == SourceLocation(line: 1, column: 44))
    }

    @Test func actionGroupsWorkThroughActionParents() throws {
        let readGroup = EntityUID(type: "Action", id: "readAll")
        let actions = [Entity(uid: read, parents: [readGroup]), Entity(uid: readGroup)]
        let text = #"permit(principal, action in Action::"readAll", resource);"#
        #expect(try decide(text, entities: actions).isAllowed)
        #expect(try decide(text, entities: []).isAllowed == false)
        #expect(
            try decide(#"permit(principal, action in [Action::"x", Action::"readAll"], resource);"#, entities: actions)
                .isAllowed)
    }

    @Test func theScopeIndexKeepsPoliciesThatMayApply() throws {
        let text = """
            permit(principal, action == Action::"write", resource);
            permit(principal, action in [Action::"read"], resource) when { context.missing };
            permit(principal, action, resource) when { true };
            """
        let decision = try decide(text)
        #expect(decision.reasons.map(\.id) == ["policy2"])
        #expect(decision.errors.map(\.policy.id) == ["policy1"])
    }

    @Test func entityStoresRefuseCyclesAndConflictingDuplicates() {
        let a = EntityUID(type: "G", id: "a")
        let b = EntityUID(type: "G", id: "b")
        #expect(throws: PolicyError.self) {
            try Entities([Entity(uid: a, parents: [b]), Entity(uid: b, parents: [a])])
        }
        #expect(throws: PolicyError.self) { try Entities([Entity(uid: a, parents: [a])]) }
        #expect(throws: PolicyError.self) { try Entities([Entity(uid: a, attributes: ["x": 1]), Entity(uid: a)]) }
        #expect(throws: PolicyError.self) {
            try Entities([Entity(uid: EntityUID(type: "Action", id: "r"), parents: [a])])
        }
        #expect((try? Entities([Entity(uid: a), Entity(uid: a)]))?.count == 1)
    }

    @Test func decisionsPrintAsTheCommandLineContractSays() throws {
        let decision = try decide(
            """
            @id("owner") permit(principal, action, resource);
            permit(principal, action, resource) when { principal.missing };
            """)
        let line = DecisionJSON.line(for: decision)
        #expect(
            line.hasPrefix(
                #"{"decision": "Allow", "reasons": ["policy0"], "errors": [{"policy": "policy1", "message": "2:44: "#))
        #expect(line.hasSuffix(#""annotated_ids": {"policy0": "owner"}}"#))
    }
}
