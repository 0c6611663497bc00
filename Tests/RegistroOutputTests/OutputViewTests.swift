import Foundation
@testable import RegistroKit
import RegistroOutput
import RegistroTestSupport
import Testing

/// Every view renders exactly the formats it declares, and refuses the others with one sentence.
@Suite struct OutputViewTests {
    @Test func eachViewDeclaresTheFormatsItRenders() {
        #expect(CaseFileView.formats == [.table, .json])
        #expect(AccessExplanationView.formats == [.table, .json, .csv])
        #expect(ReportTableView.formats == [.table, .json, .csv, .html])
        #expect(MonitoringSheetView.formats == [.table, .json, .csv, .html])
        #expect(AuditLogView.formats == [.table, .json, .csv])
        #expect(AuditOverviewView.formats == [.table, .json, .html])
        #expect(AuditVerificationView.formats == [.table, .json])
        #expect(SubjectReportView.formats == [.table, .json, .csv, .html])
        #expect(SubjectExportView.formats == [.json])
        #expect(OrganisationListView.formats == [.table, .json, .csv])
    }

    @Test func aFormatAViewHasNotIsRefusedWithOneSentence() {
        let view = CaseFileView(Fixtures.caseFile)
        #expect(throws: UnsupportedFormat(format: .csv, noun: "a case file", supported: [.table, .json])) {
            try view.rendered(as: .csv)
        }
        #expect(
            UnsupportedFormat(format: .csv, noun: "a case file", supported: [.table, .json]).message
                == "a case file is shown as table or json, not csv")
        #expect(
            UnsupportedFormat(format: .table, noun: "a subject export", supported: [.json]).message
                == "a subject export is shown as json, not table")
    }

    @Test func everyFormatAViewHasRendersWhatItSays() throws {
        let views: [any OutputView] = [
            CaseFileView(Fixtures.caseFile), ReportTableView(Fixtures.report),
            AuditOverviewView(Fixtures.overview, verification: Fixtures.verification),
            AuditLogView([Fixtures.entry(1), Fixtures.entry(2, decision: "deny")]),
            AuditVerificationView(Fixtures.verification),
            SubjectReportView(
                SubjectReport(
                    beneficiary: "B1", owner: "alfa", accesses: [Fixtures.entry(1)],
                    changes: [Fixtures.entry(2, action: "record")], recipients: ["beta"])),
            UserListView([Operator(id: "sw", name: "Operatore, primo", org: "alfa", role: .socialWorker)]),
        ]
        for view in views {
            for format in type(of: view).formats {
                let text = try view.rendered(as: format)
                #expect(text.hasSuffix("\n"), "\(type(of: view)) \(format) does not end with a newline")
                switch format {
                case .json: #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
                case .csv: try expectConsistentCSV(text)
                case .html: #expect(text.hasPrefix("<!DOCTYPE html>") && !text.contains("<script"))
                case .table: #expect(!text.hasPrefix("{") && !text.hasPrefix("["))
                }
            }
        }
    }

    @Test func csvFieldsWithCommasQuotesAndLineBreaksAreQuoted() throws {
        let table = Tabular(columns: ["a", "b"], rows: [[.string("x, y"), .string("say \"hi\"\nthen go")]])
        #expect(table.csvText() == "a,b\n\"x, y\",\"say \"\"hi\"\"\nthen go\"\n")
    }

    @Test func theAccessExplanationCSVIsOneRowUnderTheJSONKeys() throws {
        let explanation = AccessExplanation(
            beneficiary: "B1", owner: "alfa", user: Operator(id: "sw", name: "S", org: "beta", role: .socialWorker),
            networks: ["rete"], category: .identity, purpose: "presa_in_carico_condivisa",
            decision: AccessDecision(
                isAllowed: true, policies: [("policy2", "partner-reads-consented")], errors: [],
                consents: ["C1"], emergency: nil),
            grants: [], consented: [.identity], explicitConsent: false, emergency: nil, restricted: false)
        let view = AccessExplanationView(explanation)
        let csv = try view.rendered(as: .csv).split(separator: "\n")
        guard case .object(let keys) = view.json else { Issue.record("not an object"); return }
        #expect(csv.count == 2)
        #expect(csv[0] == keys.map(\.0).joined(separator: ","))
        #expect(
            csv[1].hasPrefix(
                "B1,alfa,sw,social_worker,beta,rete,identity,presa_in_carico_condivisa,Allow,policy2,"))
        #expect(try view.rendered(as: .table).hasPrefix("ALLOW: sw (social_worker, beta) reading identity of B1"))
    }

    @Test func theCaseFileJSONKeepsItsPublishedKeys() throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(CaseFileView(Fixtures.caseFile).rendered(as: .json).utf8))
                as? [String: Any])
        #expect(Set(json.keys) == ["beneficiary", "owner", "purpose", "sections", "deliveries"])
        let sections = try #require(json["sections"] as? [String: [String: Any]])
        #expect(Set(sections.keys) == Set(CaseCategory.allCases.map(\.rawValue)))
        #expect((sections["identity"]?["data"] as? [String: Any])?["given_name"] as? String == "Anna")
        #expect(sections["contact"]?["data"] == nil && sections["contact"]?["visible"] as? Bool == false)
        let delivery = try #require((json["deliveries"] as? [[String: Any]])?.first)
        #expect(delivery["service_code"] as? String == "RT.LAV01" && delivery["hours"] as? Double == 1.5)
    }

    @Test func theReportJSONGivesEachFigureAndNullForASuppressedOne() throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportTableView(Fixtures.report).rendered(as: .json).utf8))
                as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["axis"] as? String } == ["lavoro", "housing", "_total"])
        #expect(rows.map { $0["value"] as? Int } == [12, nil, 15])
        #expect(rows[1]["value"] is NSNull && rows[1]["suppressed"] as? Bool == true)
        #expect(json["exact"] as? Bool == false)
        #expect((json["note"] as? String)?.contains("totals need not add up") == true)
    }

    @Test func aPerturbedReportsCSVEndsWithItsNote() throws {
        let lines = try ReportTableView(Fixtures.report).rendered(as: .csv).split(separator: "\n")
        #expect(lines.first == "axis,value,suppressed")
        #expect(lines.last?.hasPrefix("# ") == true && lines.last?.contains("totals need not add up") == true)
    }

    @Test func theReportPageDrawsABarPerPublishedCellAndMarksTheSuppressedOne() throws {
        let page = try ReportTableView(Fixtures.report).rendered(as: .html)
        #expect(page.components(separatedBy: "<rect class=\"bar\"").count - 1 == 1)
        #expect(page.contains("Housing: suppressed"))
        #expect(page.contains(HTMLPage.barColour))
    }

    /// Checks that `text` is CSV with a header and the same number of fields on every record,
    /// but for a report's last line: its note, after `# `.
    private func expectConsistentCSV(_ text: String) throws {
        var records = CSVRecords.parse(text)
        if records.count > 1, let last = records.last, last.count == 1, last[0].hasPrefix("# ") { records.removeLast() }
        #expect(records.count >= 1)
        #expect(Set(records.map(\.count)).count == 1, "records of different lengths: \(records.map(\.count))")
    }
}

/// The import's summary: the sentence the command line prints, and the figures as JSON.
@Suite struct ImportSummaryViewTests {
    private let summary = ImportSummary(
        rows: 3, peopleCreated: 2, rowsMatched: 1, fileDigest: "ab", encoding: "UTF-8", separator: ";", dryRun: true)

    @Test func aDryRunSaysWhatItWouldImportAndThatNothingWasStored() {
        #expect(
            ImportSummaryView(summary, source: "p.csv").text == """
                would import 3 deliveries from p.csv (UTF-8, separator ;): 2 new people, 1 row matched to people \
                already known
                dry run: nothing was stored

                """)
        #expect(ImportSummaryView.formats == [.table, .json])
    }

    @Test func theJSONGivesEveryFigure() throws {
        let text = try ImportSummaryView(summary, source: "p.csv").rendered(as: .json)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 3 && json["people_created"] as? Int == 2 && json["dry_run"] as? Bool == true)
    }
}

/// The subject export: a JSON document only, its keys in their published order, and its
/// deliveries in the same shape as a case file's.
@Suite struct SubjectExportViewTests {
    private let export = SubjectExport(
        beneficiary: "B1", owner: "alfa", recordedAt: "2026-11-01T10:00:00Z", ref: nil,
        personalData: [("given_name", "Anna"), ("phone", nil)],
        statisticalData: .init(sex: "F", birthYear: 1985, citizenship: nil, comune: nil),
        vulnerabilities: [.init(code: "disoccupazione", recordedBy: "alfa")], specialVulnerabilities: [],
        deliveries: Fixtures.caseFile.deliveries, consents: [], recipients: ["beta"],
        exportedAt: "2026-11-02T10:00:00Z")

    @Test func theKeysAreInTheirPublishedOrder() throws {
        guard case .object(let members) = SubjectExportView(export).json else {
            Issue.record("not an object")
            return
        }
        #expect(
            members.map(\.0) == [
                "beneficiary", "owner", "recorded_at", "ref", "personal_data", "statistical_data", "vulnerabilities",
                "special_vulnerabilities", "deliveries", "consents", "recipients", "exported_at",
            ])
        #expect(
            members.first { $0.0 == "personal_data" }?.1
                == .object([("given_name", .string("Anna")), ("phone", .null)]))
    }

    @Test func itsDeliveriesHaveTheCaseFilesShape() throws {
        guard case .object(let export) = SubjectExportView(export).json,
            case .object(let file) = CaseFileView(Fixtures.caseFile).json
        else {
            Issue.record("not objects")
            return
        }
        #expect(export.first { $0.0 == "deliveries" }?.1 == file.first { $0.0 == "deliveries" }?.1)
    }

    @Test func onlyJSONIsOffered() {
        #expect(throws: UnsupportedFormat.self) { try SubjectExportView(export).rendered(as: .table) }
    }
}
