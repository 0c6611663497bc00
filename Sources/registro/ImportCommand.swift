import ArgumentParser
import Foundation
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro import`: bulk data entry from spreadsheets.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import spreadsheet exports.",
            subcommands: [Deliveries.self])

        /// `registro import deliveries FILE`.
        struct Deliveries: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "deliveries",
                abstract: "Import service deliveries from a CSV export, all or nothing.",
                discussion: """
                    One delivery a row, with the person's columns repeated as spreadsheets keep \
                    them. Columns (by header, any order; Italian names such as cognome, nome, \
                    data, servizio, esito are accepted too): codice_fiscale, ref, given_name, \
                    family_name, birth_date, sex, citizenship, comune, phone, email, address, \
                    vulnerabilities (separated by ;), sensitive, service_code, date, hours, \
                    channel, outcome, impact, notes, project. service_code and date are required.

                    A row's person is found by codice fiscale, else by your organisation's file \
                    number (ref), else created and owned by your organisation. Separators , or ; \
                    and encodings UTF-8 or Windows-1252 are recognised; dates are YYYY-MM-DD or \
                    DD/MM/YYYY. Any invalid row stops the whole import: every problem is listed \
                    as FILE:LINE: column: problem, the exit status is 65, and nothing is stored.

                    Examples:
                      registro import deliveries prestazioni-2020.csv --dry-run --as coala-sw
                      registro import deliveries prestazioni-2020.csv --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions

            @Argument(help: "The CSV file.")
            var file: String

            @Flag(help: "Check the file and report what would be imported, storing nothing.")
            var dryRun = false

            @Flag(help: "Import a file imported before all the same (its digest matches an earlier import).")
            var again = false

            @Option(help: "Write each row's line, person id and whether it was new or matched to this CSV file.")
            var ids: String?

            func run() throws {
                // Before the import's reading thread starts: its memory, once freed, serves both.
                MallocArenas.shareOne()
                try reportingErrors {
                    if let ids {
                        try writeNewFile(ids, option: "--ids") {
                            let rows = try importing().map {
                                "\($0.line),\($0.beneficiary),\($0.created ? "new" : "matched")"
                            }
                            return (["line,beneficiary,person"] + rows).map { $0 + "\n" }.joined()
                        }
                    } else {
                        let catalogue = CommandLanguage.catalogue
                        let new = ImportRowLine(catalogue, kind: "import_row_new")
                        let matched = ImportRowLine(catalogue, kind: "import_row_matched")
                        var output = RowLinesOutput()
                        for row in try importing() {
                            (row.created ? new : matched).append(
                                line: row.line, id: row.beneficiary, to: &output.bytes)
                            output.flushIfFull()
                        }
                        output.flush()
                    }
                }
            }

            /// Imports the file, printing its problems and summary; returns each row's person.
            private func importing() throws -> ImportedRowList {
                let bar = ProgressBar()
                defer { bar.finish() }
                var people = ImportedRowList()
                let summary = try registry.session().imports.importDeliveries(
                    from: .file(path: file), dryRun: dryRun, again: again,
                    report: { problem in
                        bar.finish()
                        let wording = CommandLanguage.catalogue.problem(problem)
                        FileHandle.standardError.write(
                            Data("\(problem.text(problem: wording, hint: HintText.text))\n".utf8))
                    },
                    progress: { progress in
                        let fraction =
                            progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
                        bar.update(
                            fraction: fraction, detail: worded("cli_progress_rows", ["n": String(progress.rows)]))
                    },
                    rowPerson: { people.append($0) },
                    warn: { warning in
                        bar.finish()
                        let wording = CommandLanguage.catalogue.problem(warning)
                        let text =
                            "\(CommandLanguage.catalogue["cli_warning"]): \(warning.text(problem: wording, hint: HintText.text))\n"
                        FileHandle.standardError.write(Data(text.utf8))
                    })
                bar.finish()
                print(ImportSummaryView(summary, source: file, language: CommandLanguage.current).text, terminator: "")
                return people
            }
        }
    }
}
