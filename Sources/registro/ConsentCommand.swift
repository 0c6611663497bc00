import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro consent`: consent grants.
    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consent",
            abstract: "Record, revoke and list a person's consent to share their case file.",
            subcommands: [Grant.self, Revoke.self, List.self])

        /// `registro consent grant`.
        struct Grant: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "grant",
                abstract:
                    "Record a person's consent (or refusal) to share categories with an organisation or a network; prints its id.",
                discussion: """
                    Categories: identity, contact, needs, services, sensitive, notes. Sharing \
                    `sensitive` needs the person's explicit consent (--explicit, GDPR art. 9). A \
                    grant to a network opens the data to every member organisation. Grants are never \
                    changed: revoke one and record a new one. Recorded by the owner's social workers \
                    and coordinators.

                    Examples:
                      registro consent grant --beneficiary B7K3M9Q2X4TA --to quadrante-alat \\
                        --purpose presa_in_carico_condivisa --scope identity,services \\
                        --expires 31/12/2026 --evidence modulo-firmato.pdf --evidence-ref PROT-2026-118 --as coala-sw
                      registro consent grant --beneficiary B7K3M9Q2X4TA --to jokko --purpose invio \\
                        --scope identity,contact,sensitive --explicit --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions
            @Option(help: "The person's pseudonymous id.") var beneficiary: String
            @Option(help: "The organisation or network receiving the data.") var to: String
            @Option(help: "The purpose (see `registro codes purpose`).") var purpose: String
            @Option(help: "Categories, comma-separated.") var scope: String
            @Flag(help: "The person gave explicit consent for special categories (GDPR art. 9(2)(a)).") var explicit =
                false
            @Option(help: "The last day the consent is valid (YYYY-MM-DD or DD/MM/YYYY).") var expires: String?
            @Option(help: "The signed form: its BLAKE2b digest is kept as evidence.") var evidence: String?
            @Option(help: "Where the signed form is filed, e.g. a protocol number (kept sealed).") var evidenceRef:
                String?
            @Option(help: "The version of the privacy notice the person was shown.") var noticeVersion = ConsentRequest
                .defaultNoticeVersion
            @Flag(help: "Record that the person refused.") var refused = false

            func run() throws {
                try reportingErrors {
                    var request = ConsentRequest(
                        beneficiary: beneficiary, grantee: to, purpose: purpose,
                        scope: try commaList(scope).map { try CaseCategory.parse($0, field: "--scope") })
                    request.explicit = explicit
                    request.expires = expires
                    request.evidenceFile = evidence
                    request.evidenceReference = evidenceRef
                    request.noticeVersion = noticeVersion
                    request.refused = refused
                    print(try registry.session().sharing.grantConsent(request))
                }
            }
        }

        /// `registro consent revoke`.
        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "revoke",
                abstract: "Revoke a consent grant; the grant itself is kept as history.",
                discussion: """
                    Example:
                      registro consent revoke C5Q0W2M8R1ZX --reason "withdrawn at the 12/03 meeting" --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The grant's id.") var id: String
            @Option(help: "Why (kept sealed).") var reason: String

            func run() throws {
                try reportingErrors {
                    try registry.session().sharing.revokeConsent(id, reason: reason)
                    confirm("cli_done_consent_revoked", ["id": id])
                }
            }
        }

        /// `registro consent list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List a person's consent grants with their status now: given, refused, withdrawn, expired.",
                discussion: """
                    Example:
                      registro consent list --beneficiary B7K3M9Q2X4TA --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<ConsentListView>
            @Option(help: "The person's pseudonymous id.") var beneficiary: String

            func run() throws {
                try reportingErrors {
                    let grants = try registry.session().sharing.consentGrants(of: beneficiary)
                    try output.print(ConsentListView(grants, language: CommandLanguage.current))
                }
            }
        }
    }
}

extension CaseCategory: ExpressibleByArgument {}
