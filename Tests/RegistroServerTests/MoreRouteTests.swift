import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistroKit
import RegistroServer
import Testing

@Suite("imports, consents, subject rights and reports over the API")
struct MoreRouteTests {
    static let worker = ServerFixture.user("alfa", .socialWorker)

    static let csv = """
        codice_fiscale,given_name,family_name,sex,service_code,date,hours
        NRENNA85T50A479E,Anna,Neri,F,RT.LAV01,02/03/2020,"1,5"
        ,Bruno,Bianchi,M,RT.LAV01,2020-03-04,2

        """

    @Test("an import's dry run stores nothing; the import stores every row; a bad file gets 422 with every problem")
    func imports() async throws {
        let fixture = try ServerFixture()
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(Self.worker))"]
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/imports?dry_run=true", method: .post, headers: headers, body: ByteBuffer(string: Self.csv)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["rows"] as? Int == 2)
                #expect(response.json["dry_run"] as? Bool == true)
            }
            try await client.execute(uri: "/api/beneficiaries?cf=NRENNA85T50A479E", method: .get, headers: headers) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/imports", method: .post, headers: headers, body: ByteBuffer(string: Self.csv)
            ) {
                #expect($0.status == .created, "\($0.text)")
                #expect($0.json["people_created"] as? Int == 2)
            }
            try await client.execute(uri: "/api/beneficiaries?cf=NRENNA85T50A479E", method: .get, headers: headers) {
                #expect($0.status == .ok)
            }
            let bad = Self.csv.replacingOccurrences(of: "RT.LAV01", with: "NOPE") + ",X,Y,Q,RT.LAV01,31/02/2020,1\n"
            try await client.execute(
                uri: "/api/imports", method: .post, headers: headers, body: ByteBuffer(string: bad)
            ) {
                response in
                #expect(response.status == .unprocessableContent)
                let problems = response.json["problems"] as? [[String: Any]] ?? []
                #expect(problems.count >= 4, "\(response.text)")
                #expect(problems.allSatisfy { $0["line"] is Int })
                #expect(!response.text.contains("Bianchi"), "a problem never echoes a personal value")
            }
        }
    }

    @Test("an import over the configured size gets 413")
    func importLimit() async throws {
        let fixture = try ServerFixture { $0.maximumImportBytes = 64 }
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(Self.worker))"]
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/imports", method: .post, headers: headers, body: ByteBuffer(string: Self.csv)
            ) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }

    @Test("the owner lists and revokes a consent; a partner gets 404 for both")
    func consents() async throws {
        let fixture = try ServerFixture()
        let owner: HTTPFields = [.authorization: "Bearer \(try fixture.token(Self.worker))"]
        let partner: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("gamma", .socialWorker)))"
        ]
        try await fixture.application().test(.router) { client in
            let id = try await client.execute(
                uri: "/api/consents?beneficiary=\(fixture.consented)", method: .get, headers: owner
            ) { response -> String in
                #expect(response.status == .ok)
                let grants =
                    (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]
                #expect(grants?.first?["status"] as? String == "given")
                return grants?.first?["id"] as? String ?? ""
            }
            try await client.execute(
                uri: "/api/consents?beneficiary=\(fixture.consented)", method: .get, headers: partner
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/consents/\(id)/revoke", method: .post, headers: partner, body: jsonBody(["reason": "x"])
            ) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/api/consents/\(id)/revoke", method: .post, headers: owner, body: jsonBody(["reason": "ritirato"])
            ) { #expect($0.status == .noContent, "\($0.text)") }
        }
    }

    @Test("the owner's privacy officer restricts and erases; another organisation's gets 404")
    func subjectRights() async throws {
        let fixture = try ServerFixture()
        let officer: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("alfa", .privacyOfficer)))"
        ]
        let worker: HTTPFields = [.authorization: "Bearer \(try fixture.token(Self.worker))"]
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/subjects/\(fixture.unshared)/restrict", method: .post, headers: worker,
                body: jsonBody(["reason": "richiesta"])
            ) { #expect($0.status == .notFound, "\($0.text)") }
            try await client.execute(
                uri: "/api/subjects/\(fixture.unshared)/restrict", method: .post, headers: officer,
                body: jsonBody(["reason": "richiesta"])
            ) { #expect($0.status == .noContent, "\($0.text)") }
            try await client.execute(
                uri: "/api/cases/\(fixture.unshared)?purpose=\(ServerFixture.purpose)", method: .get, headers: worker
            ) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/api/subjects/\(fixture.consented)/erase", method: .post, headers: officer,
                body: jsonBody(["reason": "richiesta art. 17"])
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["erased"] as? String == fixture.consented)
            }
        }
    }

    @Test(
        "another organisation's privacy officer gets 404 for a person it has no relationship to",
        arguments: ["restrict", "erase"])
    func subjectRightsOfAnotherOrganisation(action: String) async throws {
        let fixture = try ServerFixture()
        let stranger: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("gamma", .privacyOfficer)))"
        ]
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/subjects/\(fixture.unshared)/\(action)", method: .post, headers: stranger,
                body: jsonBody(["reason": "richiesta"])
            ) { response in
                // A privacy officer acts for the people its organisation owns.
                #expect(response.status == .notFound, "\(action): \(response.text)")
            }
        }
    }

    @Test("a coordinator gets the overlap report and the monitoring sheet; a social worker 403")
    func reports() async throws {
        let fixture = try ServerFixture()
        let coordinator: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("alfa", .coordinator)))"
        ]
        let worker: HTTPFields = [.authorization: "Bearer \(try fixture.token(Self.worker))"]
        try await fixture.application().test(.router) { client in
            for uri in ["/api/reports/overlaps", "/api/reports/scheda?org=alfa"] {
                try await client.execute(uri: uri, method: .get, headers: coordinator) {
                    #expect($0.status == .ok, "\(uri): \($0.text)")
                }
                try await client.execute(uri: uri, method: .get, headers: worker) {
                    #expect($0.status == .forbidden, "\(uri)")
                }
            }
        }
    }
}

@Suite("emergency access over the API")
struct EmergencyRouteTests {
    @Test(
        "an unrelated social worker breaks the glass: the case opens but special categories, audited as emergency"
    )
    func breakTheGlass() async throws {
        let fixture = try ServerFixture()
        // An emergency access is open to organisations sharing a network with the owner: beta, not gamma.
        let user = ServerFixture.user("beta", .socialWorker)
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(user))"]
        let before = try fixture.lastSeq()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/cases/\(fixture.unshared)/emergency", method: .post, headers: headers,
                body: jsonBody([
                    "purpose": ServerFixture.purpose, "reason": "minore a rischio di abbandono stanotte", "hours": 2,
                ])
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                let sections = response.json["sections"] as? [String: [String: Any]] ?? [:]
                #expect(sections["identity"]?["visible"] as? Bool == true)
                #expect(sections["sensitive"]?["visible"] as? Bool == false)
            }
            try await client.execute(
                uri: "/api/cases/\(fixture.unshared)/emergency", method: .post,
                headers: [.authorization: "Bearer \(try fixture.token(ServerFixture.user("beta", .coordinator)))"],
                body: jsonBody(["purpose": ServerFixture.purpose, "reason": "minore a rischio di abbandono stanotte"])
            ) { #expect($0.status == .notFound, "only social workers break the glass: \($0.text)") }
        }
        let entries = try fixture.auditEntries(after: before)
        #expect(entries.contains { $0.action == "emergency_access" && $0.actor == user })
        #expect(entries.contains { $0.action == "read" && $0.actor == user && $0.emergency && $0.decision == "allow" })
    }
}

@Suite("access explanations over the API")
struct ExplainRouteTests {
    @Test("the partner is told why, an unrelated organisation gets 404 as for an id that does not exist")
    func explain() async throws {
        let fixture = try ServerFixture()
        let partner: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("beta", .socialWorker)))"
        ]
        let stranger: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("gamma", .socialWorker)))"
        ]
        let query = "category=contact&purpose=\(ServerFixture.purpose)"
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/explain?beneficiary=\(fixture.consented)&\(query)", method: .get, headers: partner
            ) {
                response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["decision"] as? String == "Deny")
                #expect(response.json["owner"] as? String == "alfa")
            }
            try await client.execute(
                uri: "/api/explain?beneficiary=\(fixture.consented)&\(query)", method: .get, headers: stranger
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/explain?beneficiary=BZZZZZZZZZZZ&\(query)", method: .get, headers: stranger
            ) {
                #expect($0.status == .notFound)
            }
        }
    }
}

extension ExplainRouteTests {
    @Test("an unrelated organisation's explanation is recorded, and answered 404 as for an unknown id")
    func unrelatedOrganisationGetsTheUnknownAnswer() async throws {
        let fixture = try ServerFixture()
        let stranger = ServerFixture.user("gamma", .socialWorker)
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(stranger))"]
        let query = "category=contact&purpose=\(ServerFixture.purpose)"
        let before = try fixture.lastSeq()
        let answers = try await fixture.application().test(.router) { client in
            var answers: [String] = []
            for id in [fixture.consented, "BZZZZZZZZZZZ"] {
                answers.append(
                    try await client.execute(
                        uri: "/api/explain?beneficiary=\(id)&\(query)", method: .get, headers: headers
                    ) { response in
                        #expect(response.status == .notFound, "\(response.text)")
                        return response.text.replacingOccurrences(of: id, with: "ID")
                    })
            }
            return answers
        }
        #expect(answers.count == 2 && answers[0] == answers[1], "\(answers)")
        let entries = try fixture.auditEntries(after: before)
        #expect(
            entries.contains {
                $0.action == "explain" && $0.actor == stranger && $0.subject == fixture.consented
                    && $0.detail == "explain: would deny"
            }, "\(entries.map(\.action))")
    }

    @Test("an organisation that found the person by codice fiscale is told why, but not who owns them")
    func organisationThatFoundThePersonIsAnswered() async throws {
        let fixture = try ServerFixture()
        var person = BeneficiaryFields()
        person.givenName = "Mario"
        person.familyName = "Rossi"
        person.sex = "M"
        person.codiceFiscale = "RSSMRA85T10A562S"
        let id = try fixture.registry.session(as: ServerFixture.user("alfa", .socialWorker)).records.addBeneficiary(
            person)
        let stranger = ServerFixture.user("gamma", .socialWorker)
        #expect(
            try fixture.registry.session(as: stranger).records.findBeneficiary(codiceFiscale: "RSSMRA85T10A562S") == id)
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(stranger))"]
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/explain?beneficiary=\(id)&category=contact&purpose=\(ServerFixture.purpose)", method: .get,
                headers: headers
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["decision"] as? String == "Deny")
                #expect(response.json["owner"] == nil || response.json["owner"] is NSNull, "\(response.text)")
            }
        }
    }
}

@Suite("a person's access report over the API")
struct SubjectReportRouteTests {
    @Test("the owner's privacy officer sees who read the person; a social worker gets 404 as for a missing id")
    func subjectReport() async throws {
        let fixture = try ServerFixture()
        let uri = "/api/audit/subject-report/\(fixture.consented)"
        let officer: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("alfa", .privacyOfficer)))"
        ]
        let worker: HTTPFields = [
            .authorization: "Bearer \(try fixture.token(ServerFixture.user("alfa", .socialWorker)))"
        ]
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: officer) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.json["owner"] as? String == "alfa")
                #expect((response.json["changes"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: uri, method: .get, headers: worker) {
                #expect($0.status == .notFound, "a denial about a person reads as a missing one: \($0.text)")
            }
            try await client.execute(uri: "/api/audit/subject-report/BZZZZZZZZZZZ", method: .get, headers: officer) {
                #expect($0.status == .notFound)
            }
        }
    }
}
