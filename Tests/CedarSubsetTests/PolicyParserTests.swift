import Testing

@testable import CedarSubset

/// The parser reads Cedar's syntax and precedence, and every syntax error, or construct outside
/// the subset, names the line and column of the token at fault.
@Suite struct PolicyParserTests {
    /// Parses `marked` and returns the first diagnostic, checking it points at the marker.
    private func diagnostic(
        _ marked: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> PolicyDiagnostic? {
        let fixture = MarkedText(marked)
        do {
            _ = try PolicySet(text: fixture.text, file: "test.cedar")
            Issue.record("expected a diagnostic", sourceLocation: sourceLocation)
            return nil
        } catch {
            let first = error.diagnostics[0]
            #expect(
                first.location == fixture.location, "diagnostic `\(first)` should point at \(fixture.location)",
                sourceLocation: sourceLocation)
            #expect(first.file == "test.cedar", sourceLocation: sourceLocation)
            return first
        }
    }

    @Test func unexpectedTokenIsReportedWhereItStands() {
        let found = diagnostic("permit(principal, action, resource)\nwhen { principal.level > 👉}; ")
        #expect(found != nil)
        let other = diagnostic("permit(principal, action, resource)\nwhen { true 👉resource };")
        #expect(other?.message.contains("unexpected `resource`") == true)
    }

    @Test func syntaxErrorsReadFileLineColumnProblem() {
        let found = diagnostic("permit(principal, action, resource)\n  when { 1 + 👉};")
        #expect(found?.description.hasPrefix("test.cedar:2:14: ") == true)
    }

    @Test func missingSemicolonPointsAtTheEnd() {
        #expect(diagnostic("permit(principal, action, resource) when { true }👉") != nil)
    }

    @Test func unterminatedStringPointsAtItsQuote() {
        #expect(
            diagnostic("permit(principal, action, resource) when { principal.name == 👉\"abc };")?.message
                == "unterminated string literal")
    }

    @Test func invalidCharacterIsNamed() {
        #expect(diagnostic("permit(principal, action, resource) when { 👉$ };")?.message == "unexpected character `$`")
    }

    @Test func invalidEscapeIsRefused() {
        #expect(
            diagnostic("permit(principal, action, resource) when { principal.name == 👉\"a\\qb\" };")?.message.contains(
                "`\\q`") == true)
    }

    @Test func reservedWordsCannotBeAttributes() {
        #expect(diagnostic("permit(principal, action, resource) when { principal.👉if };") != nil)
        #expect(diagnostic("permit(principal, action, resource) when { principal has 👉true };") != nil)
    }

    @Test func relationalOperatorsDoNotChain() {
        #expect(
            diagnostic("permit(principal, action, resource) when { 👉1 < 2 < 3 };")?.message.contains(
                "cannot be chained") == true)
    }

    @Test func divisionAndSingleEqualsAreRefused() {
        #expect(
            diagnostic("permit(principal, action, resource) when { 👉4 / 2 == 2 };")?.message.contains("division")
                == true)
        #expect(
            diagnostic("permit(principal, action, resource) when { 👉principal = resource };")?.message.contains(
                "use `==`") == true)
    }

    @Test func templatesAreRefusedByName() {
        let found = diagnostic("permit(principal == 👉?principal, action, resource);")
        #expect(found?.message.contains("templates are outside the supported subset") == true)
        #expect(found?.message.contains("`?principal`") == true)
    }

    @Test func extensionFunctionsAreRefusedByName() {
        let found = diagnostic("permit(principal, action, resource) when { 👉ip(\"10.0.0.1\").isLoopback() };")
        #expect(found?.message.contains("`ip()`") == true)
        let method = diagnostic("permit(principal, action, resource) when { context.a👉.lessThan(context.b) };")
        #expect(method?.message.contains("`.lessThan`") == true)
    }

    @Test func tagsAreRefusedByName() {
        #expect(
            diagnostic("permit(principal, action, resource) when { principal👉.getTag(\"x\") == 1 };")?.message.contains(
                "`.getTag`") == true)
        #expect(
            diagnostic("permit(principal, action, resource) when { principal👉.hasTag(\"x\") };")?.message.contains(
                "`.hasTag`") == true)
    }

    @Test func scopeNeedsItsThreeVariablesInOrder() {
        #expect(diagnostic("permit(principal, action👉);")?.message.contains("missing `resource`") == true)
        #expect(diagnostic("permit(principal, 👉resource, action);")?.message.contains("expected `action`") == true)
        #expect(
            diagnostic("👉allow(principal, action, resource);")?.message.contains("use `permit` or `forbid`") == true)
    }

    @Test func scopeActionsMustBeActions() {
        #expect(
            diagnostic("permit(principal, action in 👉[User::\"a\"], resource);")?.message.contains("is not an action")
                == true)
    }

    @Test func integerLiteralsOutsideLongAreRefused() {
        #expect(diagnostic("permit(principal, action, resource) when { 👉9223372036854775808 > 0 };") != nil)
    }

    @Test func everyBrokenPolicyIsReported() throws {
        let text =
            "permit(principal, action, resource) when { 1 + };\npermit(principal, action, resource);\nforbid(principal, action, resource) when { \"a\" like 3 };"
        do {
            _ = try PolicySet(text: text)
            Issue.record("expected diagnostics")
        } catch {
            #expect(error.diagnostics.map { $0.location?.line } == [1, 3])
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let text =
            "permit(principal, action, resource) when { " + String(repeating: "(", count: 5000) + "true"
            + String(repeating: ")", count: 5000) + " };"
        #expect(throws: PolicyError.self) { try PolicySet(text: text) }
    }

    @Test func policiesAreNumberedInTextOrderWithTheirIDs() throws {
        let policies = try PolicySet(
            text: """
                @id("first") permit(principal, action, resource);
                // a comment between policies
                forbid(principal, action, resource) unless { true };
                @id("third") @reason("annotations other than @id are kept") permit(principal, action, resource);
                """)
        #expect(policies.infos.map(\.id) == ["policy0", "policy1", "policy2"])
        #expect(policies.infos.map(\.annotatedID) == ["first", nil, "third"])
        #expect(policies.infos.map(\.effect) == [.permit, .forbid, .permit])
    }

    @Test func trailingCommasAreAcceptedAsInCedar() throws {
        let policies = try PolicySet(
            text: "permit(principal, action in [Action::\"a\",], resource,) when { [1, 2,].contains({a: 1,}.a) };")
        #expect(policies.count == 1)
    }

    @Test func entityReferencesParseFromText() throws {
        let uid = try EntityUID(parsing: #"Registro::User::"a\"b""#)
        #expect(uid == EntityUID(type: "Registro::User", id: "a\"b"))
        #expect(throws: PolicyDiagnostic.self) { try EntityUID(parsing: "User") }
        #expect(throws: PolicyDiagnostic.self) { try EntityUID(parsing: #"if::"a""#) }
    }
}
