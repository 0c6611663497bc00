import ArgumentParser
import Foundation
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro demo`: a synthetic registry to explore.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Build a synthetic registry modelled on the Quadrante AL&AT network, and show it.",
            discussion: """
                Creates a new registry (default demo: registro.db) with the network's \
                organisations on three territories and three axes, their users, fake people with \
                valid codici fiscali and deliveries over 2019–2020, imported through each \
                organisation's spreadsheet; some people are served by two organisations. The \
                keyring is sealed under REGISTRO_PASSPHRASE when it is set, else stored raw. Every \
                user gets a password, and privacy officers and admins a TOTP secret, printed at the \
                end, so that `registro serve` on the demo registry can be logged in to at once.

                Examples:
                  registro demo --db demo.db
                  registro demo --db big.db --beneficiaries 10000 --deliveries 100000 --seed 7
                  registro demo --db big.db --deliveries 100000 --spreadsheets exports/
                """)

        @OptionGroup var registry: OperatorOptions

        @Option(help: "How many people to create.")
        var beneficiaries = 771

        @Option(help: "About how many deliveries to record.")
        var deliveries = 5000

        @Option(help: "Seed of the synthetic data: the same seed gives the same people.")
        var seed: UInt64 = 2020

        @Option(
            help: ArgumentHelp(
                "Also write each organisation's synthetic spreadsheet, as imported, to DIR/ORG.csv.",
                valueName: "DIR"))
        var spreadsheets: String?

        func run() throws {
            try reportingErrors {
                let passphrase = ProcessInfo.processInfo.environment["REGISTRO_PASSPHRASE"]
                let summary = try Registry.demo(
                    at: registry.location, protection: passphrase.map(KeyringProtection.passphrase) ?? .none,
                    beneficiaries: beneficiaries, deliveries: deliveries, seed: seed, spreadsheets: spreadsheets,
                    progress: { printError(DemoReport.progress($0)) })
                // The accounts first: the report closes the output. Opening the registry here also
                // has its log witnessed when the command ends.
                let accounts = try registry.open().accounts().provisionAccounts()
                print(DemoReport.accounts(accounts))
                print(DemoReport.text(summary))
            }
        }
    }
}

/// The closing summary of `registro demo`, in the command line's language.
enum DemoReport {
    /// A step of building the registry, as a line on standard error.
    static func progress(_ step: DemoProgress) -> String {
        switch step {
        case .generating(let people, let deliveries, let seed):
            worded(
                "cli_demo_generating",
                ["people": String(people), "deliveries": String(deliveries), "seed": String(seed)])
        case .imported(let organisation, let deliveries, let people):
            worded(
                "cli_demo_imported",
                ["org": organisation, "deliveries": String(deliveries), "people": String(people)])
        case .unexpectedProblem(let problem): worded("cli_demo_unexpected_problem", ["problem": problem])
        case .sharing: worded("cli_demo_recording_sharing")
        }
    }

    /// The demo users' passwords and TOTP secrets, for `registro serve` (`make serve`).
    static func accounts(_ accounts: [ProvisionedAccount]) -> String {
        let rows = accounts.map { account -> [JSONValue] in
            [
                .string(account.user.id), .string(account.user.role.rawValue), .string(account.password),
                .text(account.enrolment?.secret),
            ]
        }
        let columns = [
            "cli_demo_column_user", "cli_demo_column_role", "cli_demo_column_password", "cli_demo_column_totp",
        ]
        let table = Tabular(columns: columns.map { worded($0) }, rows: rows)
        return worded("cli_demo_accounts") + "\n" + table.alignedText()
    }

    /// The summary as text for a terminal.
    static func text(_ summary: DemoSummary) -> String {
        let database = summary.location.database
        let language = CommandLanguage.current
        var lines = ["", worded("cli_demo_title", ["db": database, "keyring": summary.location.keyring]), ""]
        lines.append(
            worded(
                "cli_demo_network",
                [
                    "orgs": String(summary.organisationsByTerritory.map(\.organisations.count).reduce(0, +)),
                    "users": String(summary.users),
                ]))
        for (territory, organisations) in summary.organisationsByTerritory {
            lines.append(
                "  \(territory.padding(toLength: 14, withPad: " ", startingAt: 0)) \(organisations.joined(separator: ", "))"
            )
        }
        lines.append("")
        lines.append(
            worded(
                "cli_demo_people", ["people": String(summary.beneficiaries), "deliveries": String(summary.deliveries)]))
        lines.append(worded("cli_demo_served_by_two", ["n": String(summary.servedByTwoOrMore)]))
        lines.append("")
        lines.append(
            Tabular(
                columns: [worded("cli_demo_column_axis"), worded("cli_demo_column_people")],
                rows: summary.peopleByAxis.map { [.string($0.axis), .int(Int64($0.people))] }
            )
            .alignedText())
        lines.append(
            Tabular(
                columns: [worded("cli_demo_column_year"), worded("cli_demo_column_deliveries")],
                rows: summary.deliveriesByYear.map { [.string($0.year), .int(Int64($0.deliveries))] }
            )
            .alignedText())
        if let sharing = summary.sharing {
            let person = sharing.partnerView.beneficiary
            lines.append(worded("cli_demo_sharing", ["owner": sharing.owner, "consent": sharing.consent]))
            lines.append(worded("cli_demo_sharing_partner", ["partner": sharing.partner]))
            lines.append(worded("cli_demo_sharing_command", ["id": person, "partner": sharing.partner]))
            lines.append("")
            lines.append(CaseFileView(sharing.partnerView, language: language).text)
            lines.append(
                worded(
                    "cli_demo_emergency",
                    ["user": sharing.emergencyUser, "id": sharing.emergencyView.beneficiary]))
            lines.append(worded("cli_demo_emergency_hours", ["hours": String(SharingService.defaultEmergencyHours)]))
            lines.append(worded("cli_demo_emergency_flagged"))
            lines.append(
                worded(
                    "cli_demo_sections_opened",
                    [
                        "sections": sharing.emergencyView.sections.filter(\.visible).map(\.category.rawValue)
                            .joined(separator: ", ")
                    ]))
        } else {
            lines.append(worded("cli_demo_no_sharing"))
            lines.append(worded("cli_demo_no_sharing_more"))
        }
        lines.append("")
        lines.append(worded("cli_demo_try_next"))
        lines.append("  registro org list --db \(database)")
        lines.append("  registro codes service --db \(database)")
        lines.append("  registro user list --db \(database)")
        lines.append("  registro report scheda --org coala --db \(database) --as \(summary.reportingUser)")
        lines.append(
            "  registro report deliveries --by axis,age_band --format html --out report.html --db \(database) --as \(summary.reportingUser)"
        )
        lines.append("  registro audit verify --db \(database) --as dpo")
        lines.append("  registro audit overview --db \(database) --as dpo")
        if let sharing = summary.sharing {
            lines.append(
                "  registro policy explain --beneficiary \(sharing.partnerView.beneficiary) --category contact --purpose presa_in_carico_condivisa --db \(database) --as \(sharing.partner)"
            )
            lines.append(
                "  registro consent list --beneficiary \(sharing.partnerView.beneficiary) --db \(database) --as \(sharing.owner)"
            )
        }
        lines.append("")
        lines.append(worded("cli_demo_coordinator_sees", ["user": summary.reportingUser]))
        lines.append(ReportTableView(summary.suppressedReport, language: language).text)
        lines.append(worded("cli_demo_overlaps"))
        lines.append(ReportTableView(summary.overlapReport, language: language).text)
        return lines.joined(separator: "\n")
    }
}
