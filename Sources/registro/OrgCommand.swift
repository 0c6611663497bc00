import Foundation
import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro org`: organisations.
    struct Org: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "Add and list organisations.",
            subcommands: [Add.self, List.self])

        /// `registro org add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an organisation.",
                discussion: """
                    Organisations are the registry operator's: run without --as, with the \
                    keyring unlocked; a user (--as) is refused.

                    Example:
                      registro org add --id la-tenda --name "La Tenda scs" --kind ets \\
                        --runts-section impresa_sociale --territory asti --axes lavoro \\
                        --network quadrante-alat
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The organisation's id: lowercase letters, digits, _ and -.")
            var id: String

            @Option(help: "The organisation's name.")
            var name: String

            @Option(help: "ets, public or company.")
            var kind: String

            @Option(help: "The organisation's 11-digit fiscal code.")
            var cf: String?

            @Option(
                help:
                    "For ETS: odv, aps, ente_filantropico, impresa_sociale, rete_associativa, mutuo_soccorso, altro_ets."
            )
            var runtsSection: String?

            @Option(help: "The territory it works in, e.g. asti.")
            var territory: String?

            @Option(help: "The axes it works on, comma-separated, e.g. housing,lavoro.")
            var axes: String?

            @Option(help: "A network it belongs to (repeat for several).")
            var network: [String] = []

            func run() throws {
                try reportingErrors {
                    let organisation = Organisation(
                        id: id, name: name, kind: try OrganisationKind.parse(kind, field: "--kind"),
                        fiscalCode: cf,
                        runtsSection: try runtsSection.map { try RuntsSection.parse($0, field: "--runts-section") },
                        territory: territory, axes: commaList(axes), networks: network)
                    try registry.organisations().addOrganisation(organisation)
                    confirm("cli_done_org_added", ["id": organisation.id])
                }
            }
        }

        /// `registro org list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the organisations.")

            @OptionGroup var registry: OperatorOptions
            @OptionGroup var output: FormatOption<OrganisationListView>

            func run() throws {
                try reportingErrors {
                    try output.print(
                        OrganisationListView(
                            try registry.open().organisations().organisations(), language: CommandLanguage.current))
                }
            }
        }
    }
}

/// The items of a comma-separated option, trimmed, empty ones dropped.
func commaList(_ text: String?) -> [String] {
    (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
