import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroOutput
import RegistroServer
import Testing

@Suite("the privacy officer's emergency-access review queue page")
struct EmergencyReviewPageTests {
    static let reason = "persona senza dimora in pericolo stanotte, serve il contatto"

    @Test("the owner's privacy officer sees the open access with its reason and marks it reviewed with a note")
    func ownerPrivacyOfficerReviewsAnEmergencyAccess() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let worker = try await PageTests.logIn(client, fixture, ServerFixture.user("beta", .socialWorker))
            try await client.execute(
                uri: "/persone/\(fixture.unshared)/emergenza", method: .post,
                headers: PageTests.formHeaders(worker.cookie),
                body: PageTests.form([
                    ("csrf", worker.csrf), ("finalita", ServerFixture.purpose), ("motivo", Self.reason),
                ])
            ) { response in
                #expect(response.status == .ok)
            }
            let access = try #require(
                try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
                    .emergencyAccesses(unreviewed: true).first)
            let id = access.id
            let officer = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .privacyOfficer))
            try await client.execute(uri: "/inizio", method: .get, headers: [.cookie: officer.cookie]) { response in
                #expect(response.text.contains("href=\"/emergenze\""))
            }
            try await client.execute(uri: "/emergenze", method: .get, headers: [.cookie: officer.cookie]) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains(Self.reason))
                #expect(html.contains(fixture.unshared))
                #expect(html.contains("<dd>beta-social_worker</dd>"))
                #expect(html.contains("<dd>Presa in carico condivisa</dd>"))
                #expect(html.contains(">Segna come rivisto</button>"))
                // Times in the display time zone, which the page names once.
                #expect(html.contains(DisplayTime.current.text(iso: access.openedAt)))
                #expect(!html.contains(access.openedAt))
                #expect(html.contains(Catalogue.of(.italian).timeZoneNote()))
                #expect(PageTests.problems(of: html).isEmpty, "\(PageTests.problems(of: html))")
            }
            try await client.execute(
                uri: "/emergenze/\(id)", method: .post, headers: PageTests.formHeaders(officer.cookie),
                body: PageTests.form([("csrf", officer.csrf), ("nota-\(id)", "  ")])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("id=\"nota-\(id)-error\""))
            }
            try await client.execute(
                uri: "/emergenze/\(id)", method: .post, headers: PageTests.formHeaders(officer.cookie),
                body: PageTests.form([
                    ("csrf", officer.csrf), ("nota-\(id)", "sentita l'operatrice, accesso giustificato"),
                ])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Accesso segnato come rivisto."))
                #expect(response.text.contains("Non ci sono accessi di emergenza da rivedere."))
            }
            let review = try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
                .emergencyAccesses().first
            #expect(review?.note == "sentita l'operatrice, accesso giustificato")
            #expect(review?.reviewedBy == ServerFixture.user("alfa", .privacyOfficer))
        }
    }

    @Test("a reason too short is refused on the case page in Italian, tied to its field, kept, and opens nothing")
    func shortReasonIsRefusedAndKept() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let worker = try await PageTests.logIn(client, fixture, ServerFixture.user("beta", .socialWorker))
            try await client.execute(
                uri: "/persone/\(fixture.unshared)/emergenza", method: .post,
                headers: PageTests.formHeaders(worker.cookie),
                body: PageTests.form([
                    ("csrf", worker.csrf), ("finalita", ServerFixture.purpose), ("motivo", "urgente"),
                ])
            ) { response in
                let html = response.text
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("Scrivi il motivo in almeno 20 caratteri"))
                #expect(html.contains("id=\"motivo-error\""))
                #expect(html.contains(">urgente</textarea>"))
                #expect(!html.contains("Gualtiero"))
                #expect(PageTests.problems(of: html).isEmpty, "\(PageTests.problems(of: html))")
            }
        }
        #expect(
            try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
                .emergencyAccesses().isEmpty)
    }

    @Test("a privacy officer of another organisation neither sees nor reviews the access")
    func otherPrivacyOfficerCannotReview() async throws {
        let fixture = try ServerFixture()
        let worker = try fixture.registry.session(as: ServerFixture.user("beta", .socialWorker))
        _ = try worker.sharing.caseFile(
            of: fixture.unshared, purpose: ServerFixture.purpose, emergencyReason: Self.reason)
        let id = try #require(
            try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
                .emergencyAccesses(unreviewed: true).first?.id)
        try await fixture.application().test(.router) { client in
            let other = try await PageTests.logIn(client, fixture, ServerFixture.user("beta", .privacyOfficer))
            try await client.execute(uri: "/emergenze", method: .get, headers: [.cookie: other.cookie]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(Self.reason))
            }
            // Answered as an id that does not exist is: the access is not this officer's to know of.
            for access in [id, "E7K3M9Q2X4TA"] {
                try await client.execute(
                    uri: "/emergenze/\(access)", method: .post, headers: PageTests.formHeaders(other.cookie),
                    body: PageTests.form([("csrf", other.csrf), ("nota-\(access)", "non mia")])
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(!response.text.contains(Self.reason))
                }
            }
            let social = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            try await client.execute(uri: "/emergenze", method: .get, headers: [.cookie: social.cookie]) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(
            try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
                .emergencyAccesses(unreviewed: true).count == 1)
    }
}
