import Foundation
import Testing

/// What `case show` says would open a case file that is closed to the user, through the built
/// binary: an emergency access or a restriction only to an organisation related to the person.
@Suite("a denied case read tells no more than the user may know, through the binary")
struct CaseDenialHintTests {
    /// The codice fiscale of the person `registryWithAPerson` records.
    static let codiceFiscale = "NRENNA85T50A479E"

    /// A registry where `sw-alfa` recorded one person; returns it and the person's id.
    static func registryWithAPerson() throws -> (TemporaryRegistry, String) {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", codiceFiscale, "--as",
            "sw-alfa",
        ])
        return (registry, person)
    }

    /// The standard error of `sw-beta`'s `case show` of `person`, which must be refused (77).
    static func refusal(_ registry: TemporaryRegistry, _ person: String, language: String) throws -> String {
        let result = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            environment: ["LANG": language])
        #expect(result.status == 77, "\(result.stderr)")
        return result.stderr
    }

    @Test("a partner that found the person by codice fiscale is told of consent only, restricted or not")
    func unrelatedPartnerIsToldOfConsentOnly() throws {
        let (registry, person) = try Self.registryWithAPerson()
        // Beta has no relationship to the person, but found them: their id is no secret to it.
        try registry.succeed(["beneficiary", "find", "--cf", Self.codiceFiscale, "--as", "sw-beta"])
        let english = try Self.refusal(registry, person, language: "C")
        #expect(english.contains("the person's consent for this purpose is needed"))
        #expect(!english.contains("emergency"), "\(english)")
        let italian = try Self.refusal(registry, person, language: "it_IT.UTF-8")
        #expect(!italian.contains("emergenza"), "\(italian)")
        try registry.succeed(["subject", "restrict", person, "--reason", "dati contestati", "--as", "dpo"])
        #expect(try Self.refusal(registry, person, language: "C") == english, "the restriction was told")
        #expect(try Self.refusal(registry, person, language: "it_IT.UTF-8") == italian)
    }

    @Test("a partner that holds a consent of the person for another purpose is offered an emergency access")
    func relatedPartnerIsOfferedAnEmergencyAccess() throws {
        let (registry, person) = try Self.registryWithAPerson()
        try registry.succeed([
            "consent", "grant", "--beneficiary", person, "--to", "beta", "--purpose", "invio", "--scope", "identity",
            "--as", "sw-alfa",
        ])
        let english = try Self.refusal(registry, person, language: "C")
        #expect(english.contains("the person's consent for this purpose is needed, or an emergency access"))
    }
}
