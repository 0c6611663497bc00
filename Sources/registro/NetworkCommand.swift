import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro network`: networks of organisations.
    struct NetworkCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "network",
            abstract: "Add and list networks of organisations.",
            subcommands: [Add.self, List.self])

        /// `registro network add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a network of organisations.",
                discussion: """
                    Networks are the registry operator's: run without --as, with the keyring \
                    unlocked; a user (--as) is refused.

                    Example:
                      registro network add --id rete-asti-sud --name "Rete Asti Sud"
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The network's id: lowercase letters, digits, _ and -.")
            var id: String

            @Option(help: "The network's name.")
            var name: String

            func run() throws {
                try reportingErrors {
                    try registry.organisations().addNetwork(Network(id: id, name: name))
                    confirm("cli_done_network_added", ["id": id])
                }
            }
        }

        /// `registro network list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the networks.")

            @OptionGroup var registry: OperatorOptions
            @OptionGroup var output: FormatOption<NetworkListView>

            func run() throws {
                try reportingErrors {
                    try output.print(
                        NetworkListView(
                            try registry.open().organisations().networks(), language: CommandLanguage.current))
                }
            }
        }
    }
}
