import Testing

@testable import CedarSubset

/// Each operator behaves as in Cedar, including the errors Cedar raises.
@Suite struct EvaluatorTests {
    static let alice = EntityUID(type: "User", id: "alice")
    static let doc = EntityUID(type: "Doc", id: "d1")

    static let entities: Entities = {
        let org = EntityUID(type: "Org", id: "coop")
        let network = EntityUID(type: "Network", id: "quadrante")
        return try! Entities([
            Entity(uid: network),
            Entity(uid: org, parents: [network]),
            Entity(
                uid: alice,
                attributes: [
                    "role": "social_worker", "level": 3, "org": .entity(org),
                    "tags": .set(["a", "b"]), "profile": .record(["age": 40, "nested": .record(["flag": true])]),
                ], parents: [org]),
            Entity(
                uid: doc,
                attributes: [
                    "owner": .entity(org), "category": "needs", "ghost": .entity(EntityUID(type: "User", id: "ghost")),
                ]),
        ])
    }()

    enum Outcome: Equatable {
        case value(Bool)
        case error(EvaluationError.Kind)
    }

    /// The outcome of `condition` for alice reading d1 with a small context.
    private func evaluate(_ condition: String) throws -> Outcome {
        let policies = try PolicySet(text: "permit(principal, action, resource) when { \(condition) };")
        let request = Request(
            principal: Self.alice, action: EntityUID(type: "Action", id: "read"), resource: Self.doc,
            context: Record(["purpose": "invio", "consented": .set(["needs", "services"]), "n": 5]))
        let decision = Authorizer(policies: policies).authorize(request, entities: Self.entities)
        if let failure = decision.errors.first { return .error(failure.error.kind) }
        return .value(decision.isAllowed)
    }

    @Test func equalityComparesStringsScalarByScalar() throws {
        #expect(try evaluate(#""é" == "é""#) == .value(true))
        #expect(try evaluate(#""\u{e9}" == "e\u{301}""#) == .value(false))
        #expect(try evaluate(#"1 == "1""#) == .value(false))
        #expect(try evaluate("[1, 2] == [2, 1, 1]") == .value(true))
        #expect(try evaluate(#"{a: 1, b: "x"} == {b: "x", a: 1}"#) == .value(true))
        #expect(try evaluate("principal != resource") == .value(true))
    }

    @Test func comparisonsNeedLongs() throws {
        #expect(try evaluate("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3") == .value(true))
        #expect(try evaluate(#""a" < "b""#) == .error(.typeError))
    }

    @Test func arithmeticOverflowIsAnError() throws {
        #expect(try evaluate("9223372036854775807 - 1 + 1 == 9223372036854775807") == .value(true))
        #expect(try evaluate("9223372036854775807 + 1 > 0") == .error(.overflow))
        #expect(try evaluate("-9223372036854775808 - 1 < 0") == .error(.overflow))
        #expect(try evaluate("4611686018427387904 * 2 > 0") == .error(.overflow))
        #expect(try evaluate("-(-9223372036854775808) > 0") == .error(.overflow))
        #expect(try evaluate("-9223372036854775808 < 0") == .value(true))
        #expect(try evaluate(#"1 + "a" == 2"#) == .error(.typeError))
    }

    @Test func inFollowsTheHierarchyTransitivelyAndReflexively() throws {
        #expect(try evaluate(#"principal in Network::"quadrante""#) == .value(true))
        #expect(try evaluate("principal in principal") == .value(true))
        #expect(try evaluate(#"principal in [Doc::"x", Org::"coop"]"#) == .value(true))
        #expect(try evaluate(#"User::"nobody" in Org::"coop""#) == .value(false))
        #expect(try evaluate(#"User::"nobody" in User::"nobody""#) == .value(true))
        #expect(try evaluate(#"principal in [Org::"coop", 1]"#) == .error(.typeError))
        #expect(try evaluate(#""a" in principal"#) == .error(.typeError))
    }

    @Test func hasTestsAttributesAndNestedPaths() throws {
        #expect(try evaluate("principal has role && !(principal has missing)") == .value(true))
        #expect(try evaluate("principal has profile.nested.flag") == .value(true))
        #expect(try evaluate("principal has profile.nested.other") == .value(false))
        #expect(try evaluate(#"context has "purpose""#) == .value(true))
        #expect(try evaluate(#"User::"nobody" has role"#) == .value(false))
        #expect(try evaluate("1 has role") == .error(.typeError))
    }

    @Test func likeMatchesWildcardsAndEscapedStars() throws {
        #expect(try evaluate(#""social_worker" like "soc*_w*er""#) == .value(true))
        #expect(try evaluate(#""a*b" like "a\*b""#) == .value(true))
        #expect(try evaluate(#""axb" like "a\*b""#) == .value(false))
        #expect(try evaluate(#""" like "*""#) == .value(true))
        #expect(try evaluate(#""e\u{301}" like "e*""#) == .value(true))
        #expect(try evaluate(#"1 like "*""#) == .error(.typeError))
    }

    @Test func missingAttributesAndEntitiesAreErrors() throws {
        #expect(try evaluate("principal.missing == 1") == .error(.attributeDoesNotExist))
        #expect(try evaluate("context.missing == 1") == .error(.attributeDoesNotExist))
        #expect(try evaluate("resource.ghost.role == 1") == .error(.entityDoesNotExist))
        #expect(try evaluate(#"principal["role"] == "social_worker" && principal.profile.nested.flag"#) == .value(true))
    }

    @Test func andOrAndIfEvaluateOnlyWhatTheyNeed() throws {
        #expect(try evaluate("false && principal.missing") == .value(false))
        #expect(try evaluate("true || principal.missing") == .value(true))
        #expect(try evaluate("if true then true else principal.missing") == .value(true))
        #expect(try evaluate("true && 1") == .error(.typeError))
        #expect(try evaluate("if 1 then true else false") == .error(.typeError))
        #expect(try evaluate("!1") == .error(.typeError))
    }

    @Test func setMethods() throws {
        #expect(try evaluate(#"context.consented.contains("needs")"#) == .value(true))
        #expect(
            try evaluate(#"context.consented.containsAll(["needs"]) && !context.consented.containsAll(["sensitive"])"#)
                == .value(true))
        #expect(try evaluate(#"context.consented.containsAny(["x", "services"])"#) == .value(true))
        #expect(try evaluate("[].isEmpty() && ![1].isEmpty()") == .value(true))
        #expect(try evaluate(#""abc".contains("a")"#) == .error(.typeError))
        #expect(try evaluate("[1].containsAll(1)") == .error(.typeError))
    }

    @Test func isTestsTheEntityType() throws {
        #expect(try evaluate("principal is User && !(resource is User)") == .value(true))
        #expect(try evaluate(#"principal is User in Network::"quadrante""#) == .value(true))
        #expect(try evaluate(#"principal is Doc in Network::"quadrante""#) == .value(false))
        #expect(try evaluate("1 is User") == .error(.typeError))
    }

    @Test func attributeAccessOnNonRecordsIsAnError() throws {
        #expect(try evaluate("(1).a == 1") == .error(.typeError))
        #expect(try evaluate(#"{a: {b: 2}}.a.b == 2 && {a: 1}["a"] == 1"#) == .value(true))
    }

    @Test func extensionValuesFromDataCompareByValue() throws {
        let entities = try Entities(
            json: """
                [{"uid": {"type": "T", "id": "x"}, "parents": [], "attrs": {
                  "a": {"__extn": {"fn": "datetime", "arg": "2024-01-01"}},
                  "b": {"__extn": {"fn": "datetime", "arg": "2024-01-01T00:00:00Z"}},
                  "c": {"__extn": {"fn": "offset", "args": [{"__extn": {"fn": "datetime", "arg": "2023-12-31"}}, {"__extn": {"fn": "duration", "arg": "1d"}}]}},
                  "d": {"__extn": {"fn": "decimal", "arg": "1.50"}},
                  "e": {"__extn": {"fn": "decimal", "arg": "1.5"}},
                  "f": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}}}]
                """)
        let target = EntityUID(type: "T", id: "x")
        let policies = try PolicySet(
            text: """
                permit(principal, action, resource) when { principal.a == principal.b && principal.a == principal.c && principal.d == principal.e };
                permit(principal, action, resource) when { principal.a < principal.b || principal.a <= principal.b };
                permit(principal, action, resource) when { principal.d < principal.e };
                permit(principal, action, resource) when { principal.f == principal.f && !(principal.f == principal.d) };
                """)
        let decision = Authorizer(policies: policies).authorize(
            Request(principal: target, action: EntityUID(type: "Action", id: "a"), resource: target), entities: entities
        )
        #expect(decision.reasons.map(\.id) == ["policy0", "policy1", "policy3"])
        #expect(decision.errors.map(\.policy.id) == ["policy2"])
    }
}
