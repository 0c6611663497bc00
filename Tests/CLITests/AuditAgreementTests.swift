import Foundation
import Testing

@Suite("an audit trail that agrees with itself: one decision one entry, as policy explain says; counts that agree")
struct AuditAgreementTests {
    /// A registry where alfa owns a person and beta's coordinator (added by the operator) may
    /// come to read them.
    static func registry() throws -> (TemporaryRegistry, String) {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.succeed([
            "user", "add", "--id", "coord-beta", "--name", "C", "--org", "beta", "--role", "coordinator",
        ])
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479J",
            "--as", "sw-alfa",
        ])
        return (registry, person)
    }

    /// The audit log's lines of `user` reading `category`.
    static func reads(_ registry: TemporaryRegistry, by user: String, _ category: String) throws -> [String] {
        try registry.succeed(["audit", "log", "--as", "dpo"]).split(separator: "\n").map(String.init)
            .filter { $0.contains(" \(user) ") && $0.contains(" read ") && $0.contains(" \(category) ") }
    }

    @Test("a partner's read of notes it has none of is one denial, as policy explain says")
    func partnerWithoutOwnRecords() throws {
        let (registry, person) = try Self.registry()
        // Found by codice fiscale, the person is known to beta, which is told why it may not read.
        try registry.succeed(["beneficiary", "find", "--cf", "RSSMRA85T50A479J", "--as", "sw-beta"])
        let read = try registry.run([
            "case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "coord-beta",
        ])
        #expect(read.status == 77)
        let notes = try Self.reads(registry, by: "coord-beta", "notes")
        #expect(notes.count == 1)
        #expect(notes.first?.contains(" deny ") == true)
        let explain = try registry.succeed([
            "policy", "explain", "--beneficiary", person, "--category", "notes", "--purpose",
            "presa_in_carico_condivisa", "--as", "coord-beta",
        ])
        #expect(explain.hasPrefix("DENY"))
    }

    @Test("a partner's read of its own deliveries' notes is one allowed entry, and policy explain allows it too")
    func partnerWithOwnRecords() throws {
        let (registry, person) = try Self.registry()
        try registry.succeed(["beneficiary", "find", "--cf", "RSSMRA85T50A479J", "--as", "sw-beta"])
        try registry.succeed([
            "delivery", "add", "--beneficiary", person, "--service", "RT.LAV01", "--date", "2021-01-04", "--notes", "n",
            "--as", "sw-beta",
        ])
        try registry.succeed(["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "coord-beta"])
        for category in ["services", "notes"] {
            let entries = try Self.reads(registry, by: "coord-beta", category)
            #expect(entries.count == 1, "\(category): \(entries)")
            #expect(entries.first?.contains("allow") == true)
            #expect(entries.first?.contains("own organisation's records") == true)
            let explain = try registry.succeed([
                "policy", "explain", "--beneficiary", person, "--category", category, "--purpose",
                "presa_in_carico_condivisa", "--as", "coord-beta",
            ])
            #expect(explain.hasPrefix("ALLOW"))
            #expect(explain.contains("own deliveries"))
        }
    }

    @Test("the overview counts what verification counts, and no sensitive read of a person with none recorded")
    func overviewCountsAgree() throws {
        let (registry, person) = try Self.registry()
        try registry.succeed(["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa"])
        let overview = try registry.succeed(["audit", "overview", "--as", "dpo"])
        let lines = overview.split(separator: "\n").map(String.init)
        let counted = try #require(lines.first?.split(separator: " ").dropFirst(2).first)
        #expect(lines.first { $0.hasPrefix("Verification: ") }?.contains("verified: \(counted) entries") == true)
        #expect(overview.contains("no read of the sensitive category"))
        try registry.succeed([
            "beneficiary", "add", "--given-name", "Lea", "--family-name", "Rocca", "--sex", "F", "--sensitive", "s",
            "--ref", "S-1", "--as", "sw-alfa",
        ])
        let withSensitive = try registry.succeed(["beneficiary", "find", "--ref", "S-1", "--as", "sw-alfa"])
        try registry.succeed([
            "case", "show", withSensitive, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa",
        ])
        #expect(try registry.succeed(["audit", "overview", "--as", "dpo"]).contains("Reads of sensitive data (1)"))
    }
}
