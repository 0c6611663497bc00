import ArgumentParser
import Foundation
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro report`: statistical reports with disclosure control.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Statistical reports over deliveries, perturbed, with small cells suppressed.",
            discussion: """
                Reports are for coordinators, privacy officers and admins (--as), over the \
                organisations of their networks, on whole months. Every figure is perturbed by \
                the cell key method (by at most 3; the same people always give the same \
                figure), so totals need not add up; a figure that fewer than --min-cell people \
                (default 5) stand behind after perturbation is suppressed. Only privacy officers \
                and admins may set --min-cell below 5, or ask --exact figures of their own \
                organisation. Nobody is ever named. See Docs/REPORTS.md.
                """,
            subcommands: [Deliveries.self, Overlaps.self, Scheda.self])

        /// `registro report deliveries`.
        struct Deliveries: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "deliveries",
                abstract: "Deliveries, people, hours or mean impact, by one to four dimensions.",
                discussion: """
                    Dimensions: org, territory, axis, service_code, channel, outcome, sex, \
                    age_band (0-17, 18-29, 30-49, 50-64, 65+, unknown: the delivery's year minus \
                    the birth year), citizenship, vulnerability (a person with several counts \
                    under each), month, quarter, year, project.
                    Measures: beneficiaries (distinct people across every organisation, the \
                    default), deliveries, hours, impact (mean rating of rated deliveries).

                    Examples:
                      registro report deliveries --by org,axis --as coala-coord
                      registro report deliveries --by territory,age_band \\
                        --measure deliveries --from 2020-01-01 --to 2020-12-31 \\
                        --format csv --out eta.csv --as coala-coord
                      registro report deliveries --by axis --measure impact \\
                        --format html --out impatto.html --as dpo
                      registro report deliveries --by org --exact --as admin
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var report: ReportOptions

            @Option(help: ArgumentHelp("Dimensions, comma-separated, e.g. org,axis.", valueName: "dim,…"))
            var by: String

            @Option(help: "beneficiaries, deliveries, hours or impact.")
            var measure = "beneficiaries"

            @Flag(
                help: """
                    True figures, unperturbed and unsuppressed, of your own organisation (privacy officers and admins).
                    """)
            var exact = false

            func run() throws {
                try reportingErrors {
                    let request = DeliveryReportRequest(
                        dimensions: try ReportDimension.list(by), measure: try ReportMeasure.parse(measure),
                        period: try report.period(), minCell: report.minCell, exact: exact)
                    let table = try registry.session().reports.deliveriesReport(request)
                    try report.write(ReportTableView(table, language: CommandLanguage.current))
                }
            }
        }

        /// `registro report overlaps`.
        struct Overlaps: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "overlaps",
                abstract: "People served on the same axis by two or more organisations, by axis and territory.",
                discussion: """
                    A person counts once per axis, under the territory of the organisations that \
                    served them on it, or `several` when those lie in more than one territory. \
                    Counts only: nobody is named.

                    Examples:
                      registro report overlaps --as coala-coord
                      registro report overlaps --axis lavoro --from 2020-01-01 \\
                        --to 2020-06-30 --as coala-coord
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var report: ReportOptions

            @Option(help: "Only this axis, e.g. lavoro.")
            var axis: String?

            func run() throws {
                try reportingErrors {
                    let table = try registry.session().reports.overlapReport(
                        axis: axis, period: try report.period(), minCell: report.minCell)
                    try report.write(ReportTableView(table, language: CommandLanguage.current))
                }
            }
        }

        /// `registro report scheda`.
        struct Scheda: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "scheda",
                abstract: "The monitoring sheet (scheda di monitoraggio) of one organisation.",
                discussion: """
                    People served, deliveries, hours and mean impact, then people by sex, age \
                    band, vulnerability, referral channel and outcome, as the network's \
                    monitoring sheets report them.

                    Examples:
                      registro report scheda --org coala --as coala-coord
                      registro report scheda --org coala --from 2020-01-01 \\
                        --format html --out scheda-coala.html --as coala-coord
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var report: ReportOptions

            @Option(help: "The organisation's id.")
            var org: String

            func run() throws {
                try reportingErrors {
                    let sheet = try registry.session().reports.monitoringSheet(
                        organisation: org, period: try report.period(), minCell: report.minCell)
                    try report.write(MonitoringSheetView(sheet, language: CommandLanguage.current))
                }
            }
        }
    }
}

/// The options every report shares: period, threshold, format and destination.
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "First day included, the first of a month: YYYY-MM-DD or DD/MM/YYYY.", valueName: "date"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "Last day included, the last of a month: YYYY-MM-DD or DD/MM/YYYY.", valueName: "date"))
    var to: String?

    @Option(
        help: ArgumentHelp(
            "Suppress figures that fewer people stand behind after perturbation (1 to 17); "
                + "below 5 for privacy officers and admins only.",
            valueName: "k"))
    var minCell = DeliveryReportRequest.defaultMinCell

    @Option(help: "Output format: table, json, csv or html.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    /// The period of `--from` and `--to`.
    func period() throws -> ReportPeriod {
        try ReportPeriod.parse(from: from, to: to)
    }

    /// Prints `view` in `--format`, or writes it to `--out` (mode 0600, never through a
    /// symbolic link).
    func write(_ view: some OutputView) throws {
        let text: String
        do {
            text = try view.rendered(as: format)
        } catch {
            throw RegistroError.usage("--format \(format.rawValue): \(error.message)")
        }
        guard let out else {
            print(text, terminator: "")
            return
        }
        try writeOutputFile(out, option: "--out", contents: text)
    }
}
