import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro codes KIND`: the reference code lists.
    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codes",
            abstract: "List reference codes: service, vulnerability, channel, outcome or purpose.",
            discussion: """
                The service nomenclature is built on the national CISIS nomenclature and the SIUSS \
                user areas; each service belongs to an axis.

                Examples:
                  registro codes service
                  registro codes service --format csv > servizi.csv
                  registro codes channel --format json
                """)

        @OptionGroup var registry: OperatorOptions
        @OptionGroup var output: FormatOption<CodeListView>

        @Argument(help: "service, vulnerability, channel, outcome or purpose.")
        var kind: CodeKind

        func run() throws {
            try reportingErrors {
                try output.print(
                    CodeListView(
                        kind, try registry.open().organisations().codes(kind), language: CommandLanguage.current))
            }
        }
    }
}

extension CodeKind: ExpressibleByArgument {}
