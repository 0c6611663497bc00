import Foundation
import Testing

/// The commands that act for no user (`serve`, whose users log in, and the registry operator's)
/// neither offer `--as` nor ignore it, through the built binary.
@Suite("commands that act for no user refuse --as, through the binary")
struct OperatorCommandOptionTests {
    /// Each such command, with the arguments it needs besides `--as`.
    static let commands: [[String]] = [
        ["serve", "--listen", "127.0.0.1:0"], ["init", "--no-passphrase"], ["demo", "--beneficiaries", "10"],
        ["codes", "service"], ["network", "list"], ["org", "list"], ["user", "list"],
        ["user", "password", "--id", "sw-alfa"], ["user", "totp", "--id", "dpo"],
    ]

    @Test("--as is refused with one sentence and exit 64, before anything is opened or changed", arguments: commands)
    func asIsRefused(_ command: [String]) throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let before = try Data(contentsOf: URL(fileURLWithPath: registry.database))
        let result = try registry.run(command + ["--as", "admin"])
        #expect(result.status == 64, "\(command): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(command): \(result.stderr)")
        #expect(lines.first?.hasPrefix("registro: --as: this command acts for no user") == true, "\(result.stderr)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: registry.database)) == before, "\(command) changed the registry")
    }

    @Test("--help of such a command does not offer --as; a command acting for a user does", arguments: commands)
    func helpDoesNotOfferAs(_ command: [String]) throws {
        let registry = try TemporaryRegistry()
        let words = command.prefix { !$0.hasPrefix("-") }
        let help = try registry.run(Array(words) + ["--help"], withDatabase: false)
        #expect(help.status == 0)
        #expect(!help.stdout.contains("--as"), "\(words.joined(separator: " ")) --help offers --as")
        #expect(help.stdout.contains("--db"))
        let acting = try registry.run(["beneficiary", "find", "--help"], withDatabase: false)
        #expect(acting.stdout.contains("--as <user>"))
    }
}
