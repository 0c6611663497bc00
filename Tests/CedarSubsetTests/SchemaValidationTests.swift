import Testing

@testable import CedarSubset

/// Validation against a schema in Cedar's JSON format names the line and column of each problem.
@Suite struct SchemaValidationTests {
    static let schemaText = """
        {"": {
          "commonTypes": {"Purpose": {"type": "String"}},
          "entityTypes": {
            "Network": {},
            "Organisation": {"memberOfTypes": ["Network"]},
            "User": {"memberOfTypes": ["Organisation"], "shape": {"type": "Record", "attributes": {
              "role": {"type": "String"}, "org": {"type": "Entity", "name": "Organisation"},
              "nickname": {"type": "String", "required": false}}}},
            "Section": {"shape": {"type": "Record", "attributes": {
              "owner": {"type": "Entity", "name": "Organisation"}, "category": {"type": "String"}}}}
          },
          "actions": {
            "read": {"memberOf": [{"id": "view"}], "appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Section"],
              "context": {"type": "Record", "attributes": {"purpose": {"type": "Purpose"}, "consented": {"type": "Set", "element": {"type": "String"}}}}}},
            "view": {}
          }
        }}
        """

    /// The problems found at the marker of `marked` (there must be some).
    private func problems(
        _ marked: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [PolicyDiagnostic] {
        let fixture = MarkedText(marked)
        let schema = try Schema(json: Self.schemaText)
        let found = schema.validate(try PolicySet(text: fixture.text, file: "p.cedar"))
        let atMarker = found.filter { $0.location == fixture.location }
        #expect(!atMarker.isEmpty, "`\(found)` should name \(fixture.location)", sourceLocation: sourceLocation)
        #expect(found.allSatisfy { $0.file == "p.cedar" }, sourceLocation: sourceLocation)
        return atMarker.isEmpty ? [PolicyDiagnostic("", at: nil)] : atMarker
    }

    @Test func validPoliciesHaveNoProblem() throws {
        let schema = try Schema(json: Self.schemaText)
        let policies = try PolicySet(
            text: """
                permit(principal is User, action in Action::"view", resource is Section)
                when { principal in resource.owner && context.consented.contains(resource.category) && context.purpose != "" };
                permit(principal, action == Action::"read", resource)
                when { principal has nickname && principal.nickname like "a*" };
                """)
        #expect(schema.validate(policies).isEmpty)
    }

    @Test func unknownEntityTypesAreNamed() throws {
        let found = try problems("permit(principal, action, 👉resource is Sectio);")
        #expect(found[0].message == "unrecognized entity type `Sectio`")
        // As in Cedar, no action applies to that resource type either.
        #expect(
            try problems("👉permit(principal, action, resource is Sectio);")[0].message
                == "unable to find an applicable action given the policy scope constraints")
        #expect(
            try problems("permit(principal, action, resource) when { principal in 👉Group::\"g\" };")[0].message
                .contains("`Group`"))
    }

    @Test func unknownActionsAreNamed() throws {
        #expect(
            try problems("permit(principal, 👉action == Action::\"fly\", resource);")[0].message
                == #"unrecognized action `Action::"fly"`"#)
    }

    @Test func unknownAttributesAreNamed() throws {
        let found = try problems("permit(principal, action, resource)\nwhen { 👉principal.age > 3 };")
        #expect(found[0].message.contains("attribute `age` not found"))
    }

    @Test func optionalAttributesNeedHas() throws {
        let found = try problems("permit(principal, action, resource) when { 👉principal.nickname == \"x\" };")
        #expect(found[0].message.contains("optional attribute `nickname`"))
    }

    @Test func typeMismatchesAreNamed() throws {
        #expect(
            try problems("permit(principal, action, resource) when { 👉principal.role > 3 };")[0].message.contains(
                "expected"))
        #expect(
            try problems("permit(principal, action, resource) when { 👉principal.role == 3 };")[0].message.contains(
                "not compatible"))
        #expect(
            try problems("permit(principal, action, resource) when { 👉context.purpose };")[0].message.contains(
                "expected Bool"))
        #expect(
            try problems("permit(principal, action, resource) when { 👉[].isEmpty() };")[0].message.contains("empty set")
        )
    }

    @Test func unreachableCodeIsNotChecked() throws {
        let schema = try Schema(json: Self.schemaText)
        let policies = try PolicySet(
            text: """
                permit(principal, action, resource) when { false && principal.age > 3 };
                permit(principal, action in [Action::"read", Action::"view"], resource) when { action == Action::"view" && principal.age > 3 };
                """)
        #expect(schema.validate(policies).isEmpty)
    }

    @Test func schemaErrorsNameLineAndColumn() {
        let fixture = MarkedText(
            """
            {"": {"entityTypes": {"User": {"memberOfTypes": [👉"Group"]}}, "actions": {}}}
            """)
        #expect {
            try Schema(json: fixture.text, file: "schema.json")
        } throws: { error in
            let diagnostic = (error as? PolicyError)?.diagnostics.first
            return diagnostic?.location == fixture.location && diagnostic?.message == "undeclared entity type `Group`"
                && diagnostic?.file == "schema.json"
        }
        let unknownKey = MarkedText(#"{"": {"entityTypes": {}, "actions": {}, 👉"entitytypes": {}}}"#)
        #expect {
            try Schema(json: unknownKey.text)
        } throws: { error in
            (error as? PolicyError)?.diagnostics.first?.location == unknownKey.location
        }
    }

    @Test func namespacesQualifyTypesAndActions() throws {
        let schema = try Schema(
            json: """
                {"Registro": {"entityTypes": {"User": {}, "Doc": {}},
                  "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}}}}}
                """)
        #expect(schema.entityTypeNames == ["Registro::Doc", "Registro::User"])
        #expect(schema.actionUIDs == [EntityUID(type: "Registro::Action", id: "read")])
        let policies = try PolicySet(
            text: #"permit(principal is Registro::User, action == Registro::Action::"read", resource);"#)
        #expect(schema.validate(policies).isEmpty)
    }
}
