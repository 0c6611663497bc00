import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroServer
import Testing

@Suite("the form that records a service, in process")
struct ServiceFormPageTests {
    @Test("the service form offers the registry's channel codes, each by its label in the page's language")
    func channelsFromTheRegistrysCodes() async throws {
        let fixture = try ServerFixture()
        let channels = try fixture.registry.organisations().codes(.channel).map(\.code)
        #expect(channels.count == 7)
        try await fixture.application().test(.router) { client in
            let session = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            for (language, labels) in [
                ("it", [">Scuola<", ">Altro canale<"]), ("en", [">School<", ">Other channel<"]),
            ] {
                try await client.execute(
                    uri: "/prestazioni/nuova?lang=\(language)", method: .get, headers: [.cookie: session.cookie]
                ) { response in
                    let html = response.text
                    #expect(response.status == .ok)
                    let offered = PageTests.matches(of: #"<option value="([^"]*)""#, in: html)
                    #expect(offered == [""] + channels, "the options of the only drop-down list, `canale`")
                    for label in labels {
                        #expect(html.contains(label), "\(language): \(label)")
                    }
                    #expect(!html.contains(">servizi_sociali<"), "\(language): a code shown in place of its label")
                    #expect(PageTests.problems(of: html, language: language).isEmpty)
                }
            }
        }
    }
}
