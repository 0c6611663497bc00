import Foundation
import GRDB
import Testing
@testable import RegistroKit

/// Reports under the cell key method, through the registry as a coordinator asks them:
/// consistent across tables, resistant to the differencing of issue 16, scoped and audited.
@Suite struct CellKeyReportTests {
    static func kind(_ body: () throws -> Any) -> RegistroError.Kind? {
        ReportAuthorizationTests.kind(body)
    }

    static func report(
        _ registry: Registry, _ dimensions: [ReportDimension], _ measure: ReportMeasure = .beneficiaries
    )
        throws -> ReportTable
    {
        try registry.session(as: "coord").reports.deliveriesReport(
            DeliveryReportRequest(dimensions: dimensions, measure: measure))
    }

    @Test func theSamePeopleGiveTheSameFigureThroughThreeDifferentTables() throws {
        let network = try SpreadsheetNetwork(people: 200, seed: 21)
        defer { network.remove() }
        let registry = network.registry
        for measure in [ReportMeasure.beneficiaries, .deliveries, .hours] {
            let byOrg = try Self.report(registry, [.org], measure)
            let byOrgAndSex = try Self.report(registry, [.org, .sex], measure)
            let bySexAndOrg = try Self.report(registry, [.sex, .org], measure)
            for member in SpreadsheetNetwork.members {
                let alone = try #require(byOrg.row([member.id]))
                #expect(
                    byOrgAndSex.row([member.id, ReportTable.totalValue])
                        == ReportRow(
                            values: [member.id, ReportTable.totalValue], value: alone.value,
                            suppressed: alone.suppressed))
                #expect(bySexAndOrg.row([ReportTable.totalValue, member.id])?.value == alone.value)
                for sex in ["F", "M"] {
                    #expect(
                        byOrgAndSex.row([member.id, sex])?.value == bySexAndOrg.row([sex, member.id])?.value,
                        "the dimension order changes nothing")
                }
            }
            let everyone = try [[.sex], [.citizenship, .axis], [.ageBand, .org, .sex]].map {
                try Self.report(registry, $0, measure).rows.last!.value
            }
            #expect(Set(everyone).count == 1, "everyone's total is one figure, whatever the table")
        }
    }

    /// The recovery of issue 16: a row total of `--by org,citizenship` minus its published
    /// cells, with a suppressed cell's parts taken from `--by org,citizenship,sex`, used to
    /// give a suppressed cell exactly. Now every figure may be off by up to the documented
    /// maximum, and the values consistent with what is published are always more than one.
    @Test func theRecoveryAcrossTwoTablesNoLongerPinsASuppressedCount() throws {
        let network = try SpreadsheetNetwork(people: 90, seed: 3)
        defer { network.remove() }
        let registry = network.registry
        // One more organisation where the attack can always be tried: ten Italian people, ten
        // from outside the EU (always published), one from the EU (always suppressed).
        try registry.organisations().addOrganisation(
            Organisation(
                id: "piccola", name: "Piccola", kind: .ets, territory: "asti", axes: ["lavoro"], networks: ["rete"]))
        try registry.organisations().addUser(
            Operator(id: "piccola-sw", name: "Piccola", org: "piccola", role: .socialWorker))
        let service = network.axisOfService.filter { $0.value == "lavoro" }.keys.sorted()[0]
        var file = "ref,given_name,family_name,birth_date,sex,citizenship,service_code,date\n"
        let people = Array(repeating: "IT", count: 10) + Array(repeating: "EXTRA_EU", count: 10) + ["EU"]
        for (index, citizenship) in people.enumerated() {
            let sex = index % 2 == 0 ? "F" : "M"
            file += "P\(index),Anna,Bianchi,1980-01-01,\(sex),\(citizenship),\(service),2020-03-02\n"
        }
        let path = network.folder.appendingPathComponent("piccola.csv").path
        try Data(file.utf8).write(to: URL(fileURLWithPath: path))
        _ = try registry.session(as: "piccola-sw").imports.importDeliveries(from: .file(path: path), report: { _ in })
        let maximum = PerturbationTable.standard.maximum
        let twoWay = try Self.report(registry, [.org, .citizenship])
        let threeWay = try Self.report(registry, [.org, .citizenship, .sex])
        let truth = try registry.exactTable(DeliveryReportRequest(dimensions: [.org, .citizenship]))
        let citizenships = Set(twoWay.cells.map { $0.values[1] })
        var attempts = 0
        for member in SpreadsheetNetwork.members.map(\.id) + ["piccola"] {
            for hidden in twoWay.cells where hidden.values[0] == member && hidden.suppressed {
                guard let total = twoWay.row([member, ReportTable.totalValue])?.value else { continue }
                // Every other citizenship of the row, from the two-way table or its parts by sex.
                var others: [Double] = []
                var complete = true
                for citizenship in citizenships where citizenship != hidden.values[1] {
                    if let cell = twoWay.row([member, citizenship]), !cell.suppressed {
                        others.append(cell.value!)
                    } else if twoWay.row([member, citizenship]) != nil {
                        let parts = threeWay.cells.filter { $0.values[0] == member && $0.values[1] == citizenship }
                        guard parts.allSatisfy({ !$0.suppressed }) else { complete = false; break }
                        others += parts.map { $0.value! }
                    }
                }
                guard complete else { continue }
                attempts += 1
                let recovered = Int(total - others.reduce(0, +))
                let slack = maximum * (others.count + 1)
                let consistent = (recovered - slack...recovered + slack).filter { (1...(5 - 1 + maximum)).contains($0) }
                #expect(consistent.count >= 2, "\(hidden.values): the published figures leave it open")
                let actual = Int(try #require(truth.row(hidden.values)?.value))
                #expect(consistent.contains(actual), "the documented maximum is honest")
            }
        }
        #expect(attempts > 0, "piccola's EU cell is suppressed beside published cells")
    }

    @Test func twoReportsADayApartAreRefusedForACoordinator() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        for to in ["2020-06-24", "2020-06-25"] {
            let request = DeliveryReportRequest(
                dimensions: [.vulnerability], period: try ReportPeriod.parse(from: nil, to: to))
            do {
                _ = try network.registry.session(as: "coord").reports.deliveriesReport(request)
                Issue.record("a report to \(to) was published")
            } catch let error as RegistroError {
                #expect(error.kind == .usage)
                #expect(error.message.contains("whole months") && error.message.contains("2020-06-30"))
            }
        }
        let late = DeliveryReportRequest(
            dimensions: [.vulnerability], period: try ReportPeriod.parse(from: "2020-06-02", to: nil))
        #expect(Self.kind { try network.registry.session(as: "coord").reports.deliveriesReport(late) } == .usage)
        let month = DeliveryReportRequest(
            dimensions: [.vulnerability], period: try ReportPeriod.parse(from: "2020-02-01", to: "2020-02-29"))
        #expect(Self.kind { try network.registry.session(as: "coord").reports.deliveriesReport(month) } == nil)
        var exact = month
        exact.period = try ReportPeriod.parse(from: "2020-02-03", to: "2020-02-24")
        exact.exact = true
        #expect(
            Self.kind { try network.registry.session(as: "dpo").reports.deliveriesReport(exact) } == nil,
            "exact figures take any day")
    }

    @Test func exactFiguresAreForPrivacyOfficersAndAdminsOverTheirOwnOrganisationOnly() throws {
        let network = try SpreadsheetNetwork(people: 120, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        let request = DeliveryReportRequest(dimensions: [.org, .sex], measure: .deliveries, exact: true)
        #expect(Self.kind { try registry.session(as: "coord").reports.deliveriesReport(request) } == .denied)
        let truth = try registry.exactTable(request)
        for actor in ["admin", "dpo"] {
            let table = try registry.session(as: actor).reports.deliveriesReport(request)
            #expect(table.exact)
            #expect(
                table.cells.allSatisfy { $0.values[0] == "lavoro-asti" },
                "their own organisation's deliveries only")
            for cell in table.cells {
                #expect(cell.value == truth.row(cell.values)?.value && !cell.suppressed)
            }
            #expect(
                table.row(["lavoro-asti", ReportTable.totalValue])?.value
                    == truth.row(["lavoro-asti", ReportTable.totalValue])?.value)
        }
    }

    @Test func aCoordinatorReportsOnlyOverTheirNetworksOrganisations() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        try registry.organisations().addOrganisation(
            Organisation(id: "fuori", name: "Fuori", kind: .ets, territory: "asti"))
        try registry.organisations().addUser(
            Operator(id: "fuori-coord", name: "Fuori", org: "fuori", role: .coordinator))
        let outside = try registry.session(as: "fuori-coord").reports.deliveriesReport(
            DeliveryReportRequest(dimensions: [.org]))
        #expect(outside.cells.isEmpty && outside.rows.last?.value == 0, "no delivery of the network counts for them")
        #expect(
            Self.kind { try registry.session(as: "fuori-coord").reports.monitoringSheet(organisation: "casa-asti") }
                == .notFound,
            "an organisation outside their networks is answered as if it did not exist")
        let inside = try registry.session(as: "coord").reports.deliveriesReport(
            DeliveryReportRequest(dimensions: [.org]))
        #expect(Set(inside.cells.map { $0.values[0] }) == Set(SpreadsheetNetwork.members.map(\.id)))
    }

    @Test func everyReportsAuditEntryRecordsDimensionsMeasurePeriodThresholdAndExactness() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        func lastDetail() throws -> String? {
            try registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db).last?.detail }
        }
        let period = try ReportPeriod.parse(from: "2020-01-01", to: "2020-06-30")
        _ = try registry.session(as: "coord").reports.deliveriesReport(
            DeliveryReportRequest(dimensions: [.org, .citizenship], measure: .hours, period: period, minCell: 7))
        #expect(
            try lastDetail()
                == "deliveries by org,citizenship; measure hours; period 2020-01-01 to 2020-06-30; min cell 7; perturbed"
        )
        _ = try registry.session(as: "dpo").reports.deliveriesReport(
            DeliveryReportRequest(dimensions: [.sex], exact: true))
        #expect(try lastDetail() == "deliveries by sex; measure beneficiaries; period all dates; min cell 1; exact")
        _ = try registry.session(as: "coord").reports.monitoringSheet(organisation: "casa-asti")
        #expect(try lastDetail() == "scheda; measure all; period all dates; min cell 5; perturbed")
    }

    @Test func noFigureThatTwentyOrMorePeopleStandBehindIsSuppressedAtAnyAllowedThreshold() throws {
        let network = try SpreadsheetNetwork(people: 300, seed: 17)
        defer { network.remove() }
        var checked = 0
        let tables: [[ReportDimension]] = [
            [.org], [.org, .citizenship], [.territory, .ageBand], [.axis, .sex, .vulnerability],
        ]
        for dimensions in tables {
            let truth = try network.registry.exactTable(DeliveryReportRequest(dimensions: dimensions))
            let published = try network.registry.session(as: "coord").reports.deliveriesReport(
                DeliveryReportRequest(dimensions: dimensions, minCell: Registry.maximumMinCell))
            for row in published.rows where try #require(truth.row(row.values)?.value) >= 20 {
                #expect(!row.suppressed, "\(row.values)")
                checked += 1
            }
        }
        #expect(checked > 20)
        var tooHigh = DeliveryReportRequest(dimensions: [.org])
        tooHigh.minCell = Registry.maximumMinCell + 1
        #expect(Self.kind { try network.registry.session(as: "coord").reports.deliveriesReport(tooHigh) } == .usage)
    }

    @Test func everyPersonGetsARecordKeyThatOutlivesTheirErasure() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        let keys = try registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, record_key, owner_org FROM beneficiary")
        }
        #expect(keys.count > 40)
        #expect(Set(keys.map { $0["record_key"] as Int64 }).count == keys.count, "random keys, one per person")
        let person = try #require(keys.first { $0["owner_org"] == "lavoro-asti" })
        let id: String = person["id"]
        _ = try registry.session(as: "dpo").subjectRights.eraseSubject(id, reason: "richiesta 12/2020")
        let kept = try registry.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT record_key FROM beneficiary WHERE id = ?", arguments: [id])
        }
        #expect(kept == person["record_key"])
    }

    @Test func theMigrationGivesPeopleRecordedBeforeItARecordKey() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: configuration)
        let files = Migrations.files
        try queue.write { db in
            for file in files where file.identifier < "006" { try db.execute(sql: file.sql) }
            for index in 0..<30 {
                try db.execute(
                    sql: """
                        INSERT INTO beneficiary (id, owner_org, created_by, created_at, sex) VALUES (?, 'o', 'u', 't', 'F')
                        """,
                    arguments: ["B\(index)"])
            }
            for file in files where file.identifier >= "006" { try db.execute(sql: file.sql) }
        }
        let keys = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT record_key FROM beneficiary") }
        #expect(keys.count == 30 && Set(keys).count == 30)
        #expect(keys.allSatisfy { (0...Int64(UInt32.max)).contains($0) })
    }
}
