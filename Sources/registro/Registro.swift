import ArgumentParser
import Foundation
import RegistroKit

/// The `registro` command: parses arguments, calls RegistroKit, prints.
@main
struct Registro: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registro",
        abstract: "A Third Sector registry with privacy-scoped data sharing.",
        discussion: """
            Records organisations, beneficiaries and service deliveries with every personal \
            field sealed, decides who may read what with Cedar policies, and keeps a \
            tamper-evident audit log.

            Start with `registro demo` to see a synthetic network at work, or \
            `registro init` to create an empty registry.
            """,
        version: registroVersion,
        subcommands: [
            Init.self, Codes.self, NetworkCommand.self, Org.self, User.self, Beneficiary.self, Delivery.self,
            Import.self,
            Consent.self, CaseCommand.self, Subject.self, Policy.self, Report.self, Audit.self, Keys.self, Demo.self,
            Serve.self,
        ]
    )

    /// Parses and runs the command. A command line that does not parse gets one sentence on
    /// standard error (what is wrong, and where the command's help is), in the command line's
    /// language for the common mistakes, and exit status 64,
    /// instead of the parser's usage block; `--help` and `--version` print as usual. When the
    /// command ends, the audit log of each registry it opened is witnessed.
    static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let help = fullMessage(for: error).split(separator: "\n")
                .lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .last { $0.hasPrefix("See '") }
            printError(UsageErrorWording.sentence(message(for: error), help: help))
            exit(withError: ExitCode.validationFailure)
        }
        do {
            try command.run()
            WitnessAtExit.witnessAll()
        } catch {
            WitnessAtExit.witnessAll()
            exit(withError: error)
        }
    }
}
