import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroOutput
import RegistroServer
import Testing

/// The problems the command line now words in Italian are worded on the pages from the same
/// catalogue: an admin's form says them in Italian, while the JSON API keeps its English
/// sentence and its code.
@Suite("new typed problems on the pages in Italian, in the API in English")
struct OperatorWordingPageTests {
    @Test("an admin's new user with a malformed or taken id is refused on the page in Italian")
    func adminFormSaysIdProblemsInItalian() async throws {
        let fixture = try ServerFixture()
        let admin = ServerFixture.user("alfa", .admin)
        try await fixture.application().test(.router) { client in
            let session = try await PageTests.logIn(client, fixture, admin)
            let cases = [
                ("Mario Rossi", "il carattere 1 non è ammesso; un identificativo usa lettere minuscole"),
                (ServerFixture.user("beta", .socialWorker), "esiste già un utente `"),
            ]
            for (id, sentence) in cases {
                try await client.execute(
                    uri: "/utenti", method: .post, headers: PageTests.formHeaders(session.cookie),
                    body: PageTests.form([
                        ("csrf", session.csrf), ("nome_utente", id), ("nome", "Mario"),
                        ("ruolo", Role.socialWorker.rawValue),
                    ])
                ) { response in
                    #expect(response.text.contains(sentence), "\(id): \(response.text)")
                    #expect(!response.text.contains("is not allowed") && !response.text.contains("exists already"))
                }
            }
        }
        #expect(try fixture.registry.organisations(by: .registryOperator).users().allSatisfy { $0.id != "Mario Rossi" })
    }

    @Test("the JSON API keeps the English sentence and its code for the same problem")
    func apiKeepsEnglish() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(ServerFixture.user("alfa", .admin))
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/users", method: .post,
                headers: [.authorization: "Bearer \(token)", .acceptLanguage: "it-IT"],
                body: jsonBody(["id": "Mario Rossi", "name": "Mario", "role": "social_worker"])
            ) { response in
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.json["error"] as? String == "invalid")
                let message = response.json["message"] as? String ?? ""
                #expect(message.contains("character 1 is not allowed"), "\(message)")
                #expect(!message.contains("non è ammesso"))
            }
        }
    }

    @Test("every new typed problem reads differently in Italian and in English, and never as a bare key")
    func newKeysHaveBothSentences() {
        let messages: [RegistroMessage] = [
            .storage(.passphraseWrong(keyring: "k")), .storage(.registryMissing("r.db")),
            .account(.passwordTooShort(minimum: 12)), .account(.tokenNotFound("T1")),
            .setUp(.userExists("mrossi")), .idCharacter(position: 1), .controlCharacter(position: 2),
            .lookupRefused(user: "sw", role: .admin, org: "alfa"),
        ]
        for message in messages {
            let italian = Catalogue.of(.italian).message(message)
            let english = Catalogue.of(.english).message(message)
            #expect(italian != english, "\(message)")
            #expect(!italian.hasPrefix("[") && !english.hasPrefix("["), "\(message)")
        }
    }
}
