import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroOutput
import RegistroServer
import Testing

@Suite("the coordinator's list of shared case files")
struct SharedCaseFilesPageTests {
    @Test("a partner's coordinator finds the consented person with a link to the case file, not the others")
    func partnerCoordinatorListsSharedCaseFiles() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let partner = try await PageTests.logIn(client, fixture, ServerFixture.user("beta", .coordinator))
            try await client.execute(uri: "/inizio", method: .get, headers: [.cookie: partner.cookie]) { response in
                #expect(response.text.contains("href=\"/condivise\""))
            }
            let since = try #require(
                try fixture.registry.session(as: ServerFixture.user("beta", .coordinator)).sharing
                    .sharedCaseFiles(page: 1).files.first?.since)
            let before = try fixture.lastSeq()
            try await client.execute(uri: "/condivise", method: .get, headers: [.cookie: partner.cookie]) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("href=\"/persone/\(fixture.consented)?finalita=\(ServerFixture.purpose)\""))
                #expect(!html.contains(fixture.unshared))
                #expect(html.contains("<td>Identità, Prestazioni</td>"))
                #expect(!html.contains("Ermenegilda"), "the list shows no personal field")
                // The day of the consent in the display zone, as the pages show every time.
                #expect(html.contains("<td>\(DisplayTime.current.day(iso: since))</td>"))
                #expect(PageTests.problems(of: html).isEmpty, "\(PageTests.problems(of: html))")
            }
            let lookups = try fixture.auditEntries(after: before).filter { $0.action == "lookup" }
            #expect(lookups.map(\.actor) == [ServerFixture.user("beta", .coordinator)])
            try await client.execute(
                uri: "/persone/\(fixture.consented)?finalita=\(ServerFixture.purpose)", method: .get,
                headers: [.cookie: partner.cookie]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Ermenegilda"))
            }
            try await client.execute(uri: "/condivise?pagina=2", method: .get, headers: [.cookie: partner.cookie]) {
                response in
                #expect(response.status == .unprocessableContent)
            }
            let unrelated = try await PageTests.logIn(client, fixture, ServerFixture.user("gamma", .coordinator))
            try await client.execute(uri: "/condivise", method: .get, headers: [.cookie: unrelated.cookie]) {
                response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(fixture.consented))
                #expect(response.text.contains("Nessuna scheda è condivisa"))
            }
        }
    }
}
