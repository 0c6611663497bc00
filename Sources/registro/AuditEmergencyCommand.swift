import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro.Audit {
    /// `registro audit emergency`.
    struct Emergency: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "emergency",
            abstract: "The emergency accesses on your organisation's people, for review.",
            discussion: """
                Lists every emergency ("break the glass") access opened on a person your \
                organisation owns: who opened it, for which purpose, why, until when, and its \
                review. Only privacy officers (--as) may see it.

                Examples:
                  registro audit emergency --unreviewed --as coala-dpo
                  registro audit emergency --format csv --as coala-dpo > accessi-emergenza.csv
                """)

        @OptionGroup var registry: RegistryOptions
        @OptionGroup var output: FormatOption<EmergencyAccessListView>

        @Flag(help: "Only the accesses not reviewed yet.")
        var unreviewed = false

        func run() throws {
            try reportingErrors {
                let accesses = try registry.audit().emergencyAccesses(unreviewed: unreviewed)
                try output.print(
                    EmergencyAccessListView(accesses, unreviewedOnly: unreviewed, language: CommandLanguage.current))
            }
        }
    }

    /// `registro audit review`.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Record your review of an emergency access.",
            discussion: """
                The owner's privacy officer reviews each emergency access: was the reason \
                sound, was the access proportionate. The note is kept sealed.

                Example:
                  registro audit review EA7K3M9Q2X4T --note "Urgent housing case, confirmed" --as coala-dpo
                """)

        @OptionGroup var registry: RegistryOptions

        @Argument(help: "The emergency access's id.")
        var id: String

        @Option(help: "Your review.")
        var note: String

        func run() throws {
            try reportingErrors {
                try registry.audit().reviewEmergencyAccess(id, note: note)
                confirm("cli_done_emergency_reviewed", ["id": id])
            }
        }
    }
}
