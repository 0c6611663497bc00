import Testing

@testable import CedarSubset

/// Cedar's JSON formats for entities and requests, and the errors bad input gets.
@Suite struct CedarJSONTests {
    @Test func entitiesReadUIDsParentsAndAttributeValues() throws {
        let entities = try Entities(
            json: """
                [{"uid": {"type": "User", "id": "a\\u0000b"}, "parents": [{"__entity": {"type": "Org", "id": "o"}}, {"type": "Org", "id": "p"}],
                  "attrs": {"org": {"__entity": {"type": "Org", "id": "o"}}, "n": -9223372036854775808, "s": ["x", "x"],
                            "rec": {"type": "Org", "id": "o"}, "flag": true}},
                 {"uid": {"__entity": {"type": "Org", "id": "o"}}, "attrs": {}, "parents": []}]
                """)
        let user = try #require(entities[EntityUID(type: "User", id: "a\u{0}b")])
        #expect(user.parents == [EntityUID(type: "Org", id: "o"), EntityUID(type: "Org", id: "p")])
        #expect(user.attributes["org"] == .entity(EntityUID(type: "Org", id: "o")))
        #expect(user.attributes["n"] == .long(.min))
        #expect(user.attributes["s"] == .set(["x"]))
        // Without a schema, a bare {"type", "id"} attribute is a record, as in Cedar.
        #expect(user.attributes["rec"] == .record(["type": "Org", "id": "o"]))
    }

    private func problem(_ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PolicyDiagnostic?
    {
        let fixture = MarkedText(json)
        do {
            _ = try Entities(json: fixture.text, file: "entities.json")
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            let first = error.diagnostics[0]
            #expect(
                first.location == fixture.location, "`\(first)` should point at \(fixture.location)",
                sourceLocation: sourceLocation)
            return first
        }
    }

    @Test func badEntityFilesNameLineAndColumn() {
        #expect(
            problem(#"[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": 1, 👉"x": 2}, "parents": []}]"#)?.message
                .contains("duplicate key") == true)
        #expect(
            problem("[{\"uid\": {\"type\": \"U\", \"id\": \"a\"},\n \"attrs\": {\"x\": 👉null}, \"parents\": []}]")?
                .message.contains("null") == true)
        #expect(problem(#"[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": 👉1.5}, "parents": []}]"#) != nil)
        #expect(
            problem(#"[👉{"uid": {"type": "U", "id": "a"}, "parents": []}]"#)?.message.contains("missing `attrs`")
                == true)
        #expect(
            problem(#"[{"uid": 👉{"type": "if", "id": "a"}, "attrs": {}, "parents": []}]"#)?.message.contains("reserved")
                == true)
        #expect(
            problem(
                #"[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": 👉{"__extn": {"fn": "decimal", "arg": "1.23456"}}}, "parents": []}]"#
            ) != nil)
        #expect(problem(#"[{"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": [] 👉]"#) != nil)
    }

    @Test func requestsTakeStringsOrObjects() throws {
        let request = try Request(
            json: """
                {"principal": "User::\\"alice\\"", "action": {"type": "Action", "id": "read"},
                 "resource": {"__entity": {"type": "Section", "id": "b1/needs"}}, "context": {"purpose": "invio"}}
                """)
        #expect(request.principal == EntityUID(type: "User", id: "alice"))
        #expect(request.action == EntityUID(type: "Action", id: "read"))
        #expect(request.resource == EntityUID(type: "Section", id: "b1/needs"))
        #expect(request.context["purpose"] == .string("invio"))
        #expect(
            try Request(json: #"{"principal": "A::\"a\"", "action": "Action::\"r\"", "resource": "A::\"a\""}"#).context
                .isEmpty)
        #expect(throws: PolicyError.self) {
            try Request(
                json: #"{"principal": "A::\"a\"", "action": "Action::\"r\"", "resource": "A::\"a\"", "context": []}"#)
        }
        #expect(throws: PolicyError.self) {
            try Request(json: #"{"principal": "not an entity", "action": "Action::\"r\"", "resource": "A::\"a\""}"#)
        }
    }
}
