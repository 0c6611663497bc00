import Foundation
import Testing

@Suite("recording for another organisation's person needs a link: a lookup by codice fiscale or a consent")
struct ServingLinkTests {
    @Test("a delivery for a person another organisation owns is refused as unknown until found by codice fiscale")
    func deliveryNeedsLookup() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479J",
            "--as", "sw-alfa",
        ])
        let delivery = ["delivery", "add", "--beneficiary", person, "--service", "RT.LAV01", "--date", "2021-01-04"]
        let guessed = try registry.run(delivery + ["--as", "sw-beta"])
        #expect(guessed.status == 65)
        #expect(guessed.stderr.contains("no beneficiary `\(person)`"))
        #expect(!guessed.stderr.contains("alfa"))
        let unknown = try registry.run(
            [
                "delivery", "add", "--beneficiary", "BZZZZZZZZZZZ", "--service", "RT.LAV01", "--date", "2021-01-04",
                "--as", "sw-beta",
            ])
        #expect(unknown.status == guessed.status)
        let log = try registry.succeed(["audit", "log", "--as", "dpo"])
        #expect(
            log.split(separator: "\n").contains {
                $0.contains("sw-beta") && $0.contains("record") && $0.contains("deny")
            })
        let before = try registry.succeed(["audit", "overview", "--as", "dpo"])
        #expect(before.contains("every delivery is by the person's owner"))

        try registry.succeed(["beneficiary", "find", "--cf", "RSSMRA85T50A479J", "--as", "sw-beta"])
        try registry.succeed(delivery + ["--as", "sw-beta"])
        let overview = try registry.succeed(["audit", "overview", "--as", "dpo"])
        let started = overview.split(separator: "\n").filter { $0.hasPrefix("beta") && $0.contains(person) }
        #expect(started.count == 1)
        #expect(started.first?.contains("alfa") == true)
        // The owner records as before.
        try registry.succeed(delivery + ["--as", "sw-alfa"])
    }
}
