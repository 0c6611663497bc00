import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro case`: shared case files.
    struct CaseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case",
            abstract: "Read a person's shared case file.",
            subcommands: [Show.self])

        /// `registro case show`.
        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Show a person's case file as you may see it for a purpose.",
                discussion: """
                    Every category (identity, contact, needs, services, sensitive, notes) is shown \
                    with its data when the policies allow it — your organisation owns the record, \
                    or the person consented to share it with your organisation or network for this \
                    purpose — or hidden, with the reason. Other organisations' deliveries appear \
                    only where `services` is visible. Every decision is recorded in the audit log. \
                    Exits 77 when nothing at all is visible; to an organisation with no relationship \
                    to the person that never found them by codice fiscale, answers as for an unknown \
                    id (exit 65).

                    A social worker may break the glass for a person at risk: --emergency with a \
                    --reason opens the case for a few hours (default 4), always recorded and flagged \
                    for the privacy officer. Special categories stay closed without explicit consent.

                    Examples:
                      registro case show B7K3M9Q2X4TA --purpose presa_in_carico_condivisa --as jokko-sw
                      registro case show B7K3M9Q2X4TA --purpose presa_in_carico_condivisa --format json --as jokko-sw
                      registro case show B5W30HCV0K4C --purpose presa_in_carico_condivisa --emergency \\
                        --reason "minore a rischio, segnalazione della scuola" --as jokko-sw
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The person's pseudonymous id.") var beneficiary: String
            @Option(help: "The purpose of the reading (see `registro codes purpose`).") var purpose: String
            @Flag(help: "Break the glass: open an emergency access (needs --reason).") var emergency = false
            @Option(help: "Why the emergency access is needed (kept sealed).") var reason: String?
            @Option(help: "How long the emergency access lasts, in hours.") var hours = SharingService
                .defaultEmergencyHours
            @OptionGroup var output: FormatOption<CaseFileView>

            func validate() throws {
                if emergency && reason == nil {
                    throw ValidationError(worded("cli_emergency_needs_reason"))
                }
                if reason != nil && !emergency {
                    throw ValidationError(worded("cli_reason_needs_emergency"))
                }
            }

            func run() throws {
                try reportingErrors {
                    let file = try registry.session().sharing.caseFile(
                        of: beneficiary, purpose: purpose, emergencyReason: emergency ? reason : nil,
                        emergencyHours: hours)
                    try output.print(CaseFileView(file, language: CommandLanguage.current))
                }
            }
        }
    }
}
