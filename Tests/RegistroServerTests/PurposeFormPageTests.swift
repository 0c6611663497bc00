import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroServer
import Testing

@Suite("the purposes the consent and emergency forms offer, in process")
struct PurposeFormPageTests {
    /// Adds the local purpose code `tutela_minori` to the fixture's registry with the `sqlite3`
    /// shell, as an operator adds a code of their own.
    static func addLocalPurpose(_ fixture: ServerFixture) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "sqlite3", fixture.registry.location.database,
            "INSERT INTO purpose_code (code, label_it, label_en, local) "
                + "VALUES ('tutela_minori', 'Tutela dei minori', 'Child protection', 1)",
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("the consent and emergency forms offer the registry's purpose codes, a local one too, by their labels")
    func purposesFromTheRegistrysCodes() async throws {
        let fixture = try ServerFixture()
        try Self.addLocalPurpose(fixture)
        let purposes = try fixture.registry.organisations().codes(.purpose).map(\.code)
        #expect(purposes.contains("tutela_minori") && purposes.contains(ServerFixture.purpose))
        try await fixture.application().test(.router) { client in
            let worker = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            for (language, label) in [("it", ">Tutela dei minori<"), ("en", ">Child protection<")] {
                try await client.execute(
                    uri: "/consensi/nuovo?lang=\(language)", method: .get, headers: [.cookie: worker.cookie]
                ) { response in
                    let html = response.text
                    #expect(response.status == .ok)
                    #expect(PageTests.matches(of: #"<option value="([^"]*)""#, in: html) == purposes)
                    #expect(html.contains(label), "\(language): \(label)")
                    #expect(
                        PageTests.matches(of: #"<option value="([^"]*)" selected"#, in: html) == [
                            ServerFixture.purpose
                        ],
                        "shared case management chosen until the person chooses")
                    #expect(PageTests.problems(of: html, language: language).isEmpty)
                }
            }
            // A partner's social worker sees part of the case file: the emergency form is offered.
            let partner = try await PageTests.logIn(client, fixture, ServerFixture.user("beta", .socialWorker))
            try await client.execute(
                uri: "/persone/\(fixture.consented)?finalita=\(ServerFixture.purpose)", method: .get,
                headers: [.cookie: partner.cookie]
            ) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("/persone/\(fixture.consented)/emergenza"))
                #expect(PageTests.matches(of: #"<option value="([^"]*)""#, in: html) == purposes)
                #expect(html.contains(">Tutela dei minori<"))
            }
            // A case file asked for the local purpose names it by its label, not by a missing key.
            try await client.execute(
                uri: "/persone/\(fixture.consented)?finalita=tutela_minori", method: .get,
                headers: [.cookie: partner.cookie]
            ) { response in
                #expect(response.text.contains(": Tutela dei minori</p>"))
                #expect(!response.text.contains("[purpose_"))
            }
        }
    }
}
