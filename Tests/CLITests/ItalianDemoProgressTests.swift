import Foundation
import Testing

/// What `registro demo` says on standard error while it builds, in the command line's language.
@Suite("demo's progress lines in Italian, in English with LANG=C")
struct ItalianDemoProgressTests {
    @Test("each step of building the demo is said in Italian with LANG=it_IT.UTF-8, in English with LANG=C")
    func progressFollowsTheLocale() throws {
        let registry = try TemporaryRegistry()
        let arguments = ["demo", "--beneficiaries", "20", "--deliveries", "40", "--seed", "3", "--db"]
        let italian = try registry.run(
            arguments + [registry.directory.appendingPathComponent("it.db").path], environment: ["LANG": "it_IT.UTF-8"],
            withDatabase: false)
        #expect(italian.status == 0, "\(italian.stderr)")
        #expect(italian.stderr.contains("genero 20 persone sintetiche e circa 40 prestazioni (seme 3)"))
        #expect(italian.stderr.contains(": importate "))
        #expect(italian.stderr.contains("registro un consenso alla rete e un accesso di emergenza"))
        #expect(!italian.stderr.contains("generating"))
        let english = try registry.run(
            arguments + [registry.directory.appendingPathComponent("en.db").path], environment: ["LANG": "C"],
            withDatabase: false)
        #expect(english.status == 0, "\(english.stderr)")
        #expect(english.stderr.contains("generating 20 synthetic people and about 40 deliveries (seed 3)"))
        #expect(english.stderr.contains("recording a consent grant to the network and an emergency access"))
    }
}
