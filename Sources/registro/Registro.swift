import ArgumentParser
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
            Init.self, Codes.self, NetworkCommand.self, Org.self, User.self, Beneficiary.self, Delivery.self, Import.self,
            Consent.self, CaseCommand.self, Subject.self, Policy.self, Report.self, Audit.self, Keys.self, Demo.self,
        ]
    )
}
