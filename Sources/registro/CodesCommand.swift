import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro codes KIND`: the reference code lists.
    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List reference codes: service, vulnerability, channel, outcome or purpose.",
            discussion: """
                The service nomenclature is built on the national CISIS nomenclature and the SIUSS \
                user areas; each service belongs to an axis.

                Examples:
                  registro codes service
                  registro codes service --format csv > servizi.csv
                  registro codes channel --format json
                """)

        @OptionGroup var registry: RegistryOptions
        @OptionGroup var output: FormatOption

        @Argument(help: "service, vulnerability, channel, outcome or purpose.")
        var kind: CodeKind

        func run() throws {
            try reportingErrors {
                let codes = try registry.open().organisations().codes(kind)
                let rows = codes.map { code in
                    code.values.enumerated().map { index, value -> JSONValue in
                        kind.columns[index] == "area_utenza" ? .int(Int64(value) ?? 0) : .string(value)
                    }
                }
                print(Tabular(columns: kind.columns, rows: rows).rendered(as: output.format), terminator: "")
            }
        }
    }
}

extension CodeKind: ExpressibleByArgument {}
