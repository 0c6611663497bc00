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
                    progress: { printError($0) })
                // The accounts first: the report closes the output. Opening the registry here also
                // has its log witnessed when the command ends.
                let accounts = try registry.open().accounts().provisionAccounts()
                print(DemoReport.accounts(accounts))
                print(DemoReport.text(summary))
            }
        }
    }
}

/// The closing summary of `registro demo`.
enum DemoReport {
    /// The demo users' passwords and TOTP secrets, for `registro serve` (`make serve`).
    static func accounts(_ accounts: [ProvisionedAccount]) -> String {
        let rows = accounts.map { account -> [JSONValue] in
            [
                .string(account.user.id), .string(account.user.role.rawValue), .string(account.password),
                .text(account.enrolment?.secret),
            ]
        }
        let table = Tabular(columns: ["user", "role", "password", "totp_secret"], rows: rows)
        return "Accounts for `registro serve` (make serve); privacy officers and admins add the TOTP secret to an "
            + "authenticator app:\n" + table.alignedText()
    }

    /// The summary as text for a terminal.
    static func text(_ summary: DemoSummary) -> String {
        var lines = ["", "Registro demo: \(summary.location.database) (keyring \(summary.location.keyring))", ""]
        lines.append(
            "Network quadrante-alat, \(summary.organisationsByTerritory.map(\.organisations.count).reduce(0, +)) organisations, \(summary.users) users:"
        )
        for (territory, organisations) in summary.organisationsByTerritory {
            lines.append(
                "  \(territory.padding(toLength: 14, withPad: " ", startingAt: 0)) \(organisations.joined(separator: ", "))"
            )
        }
        lines.append("")
        lines.append("\(summary.beneficiaries) people, \(summary.deliveries) deliveries, every personal field sealed.")
        lines.append("\(summary.servedByTwoOrMore) people are served by two or more organisations.")
        lines.append("")
        lines.append(
            Tabular(
                columns: ["axis", "people"],
                rows: summary.peopleByAxis.map { [.string($0.axis), .int(Int64($0.people))] }
            )
            .alignedText())
        lines.append(
            Tabular(
                columns: ["year", "deliveries"],
                rows: summary.deliveriesByYear.map { [.string($0.year), .int(Int64($0.deliveries))] }
            )
            .alignedText())
        if let sharing = summary.sharing {
            lines.append(
                "Sharing: \(sharing.owner) recorded consent \(sharing.consent): identity, needs and services shared with the network"
            )
            lines.append("for shared case management. What \(sharing.partner), at a partner organisation, now sees")
            lines.append(
                "(registro case show \(sharing.partnerView.beneficiary) --purpose presa_in_carico_condivisa --as \(sharing.partner)):"
            )
            lines.append("")
            lines.append(CaseFileView(sharing.partnerView).text)
            lines.append(
                "Emergency: \(sharing.emergencyUser) broke the glass for \(sharing.emergencyView.beneficiary), a person with no consent at all"
            )
            lines.append(
                "(--emergency --reason …): the case opens for \(SharingService.defaultEmergencyHours) hours, except special categories, and the"
            )
            lines.append("access is flagged for the privacy officer (registro audit overview --as dpo).")
            lines.append(
                "Sections opened: \(sharing.emergencyView.sections.filter(\.visible).map(\.category.rawValue).joined(separator: ", "))"
            )
        } else {
            lines.append(
                "Sharing: nobody in a registry this small is served by two organisations; run the demo with more")
            lines.append("deliveries to see a consent grant, a partner's view of the case and an emergency access.")
        }
        lines.append("")
        lines.append("Try next:")
        lines.append("  registro org list --db \(summary.location.database)")
        lines.append("  registro codes service --db \(summary.location.database)")
        lines.append("  registro user list --db \(summary.location.database)")
        lines.append(
            "  registro report scheda --org coala --db \(summary.location.database) --as \(summary.reportingUser)")
        lines.append(
            "  registro report deliveries --by axis,age_band --format html --out report.html --db \(summary.location.database) --as \(summary.reportingUser)"
        )
        lines.append("  registro audit verify --db \(summary.location.database) --as dpo")
        lines.append("  registro audit overview --db \(summary.location.database) --as dpo")
        if let sharing = summary.sharing {
            lines.append(
                "  registro policy explain --beneficiary \(sharing.partnerView.beneficiary) --category contact --purpose presa_in_carico_condivisa --db \(summary.location.database) --as \(sharing.partner)"
            )
            lines.append(
                "  registro consent list --beneficiary \(sharing.partnerView.beneficiary) --db \(summary.location.database) --as \(sharing.owner)"
            )
        }
        lines.append("")
        lines.append(
            "What coordinator \(summary.reportingUser) sees (registro report deliveries --by org,citizenship):")
        lines.append(ReportTableView(summary.suppressedReport).text)
        lines.append("Overlaps (registro report overlaps):")
        lines.append(ReportTableView(summary.overlapReport).text)
        return lines.joined(separator: "\n")
    }
}
