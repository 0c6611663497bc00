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
                abstract: "Add a network of organisations.",
                discussion: """
                    Example:
                      registro network add --id quadrante-alat --name "Quadrante AL&AT" --as admin
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The network's id: lowercase letters, digits, _ and -.")
            var id: String

            @Option(help: "The network's name.")
            var name: String

            func run() throws {
                try reportingErrors {
                    try registry.open().addNetwork(Network(id: id, name: name), actor: registry.user)
                }
            }
        }

        /// `registro network list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the networks.")

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<NetworkListView>

            func run() throws {
                try reportingErrors {
                    try output.print(NetworkListView(try registry.open().networks()))
                }
            }
        }
    }
}
