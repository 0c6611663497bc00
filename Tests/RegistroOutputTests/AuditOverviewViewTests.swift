import Foundation
@testable import RegistroKit
@testable import RegistroOutput
import Testing

/// The audit overview is one list of sections, the same on a terminal, in the page and in JSON.
@Suite struct AuditOverviewViewTests {
    private let view = AuditOverviewView(
        Fixtures.overview, verification: Fixtures.verification, checkpointAdvice: "make one now")

    @Test func theTextAndThePageShowTheSameSectionsWithTheirCounts() throws {
        let text = view.text
        let page = view.html.rendered()
        #expect(
            view.sections.map(\.title) == [
                "Denials by organisation", "Denials by user", "Emergency accesses", "Reads of sensitive data",
                "Reads under consents since withdrawn", "Organisations serving people other organisations own",
                "Series of reports by one user",
            ])
        for section in view.sections {
            #expect(text.contains("\n\(section.title) (\(section.rows.count)):\n"))
            #expect(page.contains("<h2>\(section.title) <span class=\"count\">\(section.rows.count)</span></h2>"))
        }
        #expect(text.contains("  no read relied on a consent withdrawn since\n"))
        #expect(page.contains("No read relied on a consent withdrawn since."))
    }

    @Test func listsAreJoinedByCommasOnTheTerminalAndByCommaAndSpaceInThePage() {
        #expect(view.text.contains("lookup,read"))
        #expect(view.html.rendered().contains("<td>beta</td><td>lookup, read</td><td>2</td>"))
        #expect(view.html.rendered().contains("<td>presa_in_carico_condivisa</td><td>3</td><td>allow</td>"))
        #expect(view.html.rendered().contains("<td>C1, C2</td><td>yes</td>"))
    }

    @Test func theTextGivesTheFrontEndsAdviceWhenNoCheckpointWasMade() {
        #expect(view.text.contains("Last checkpoint: none; make one now\n"))
        #expect(!view.html.rendered().contains("make one now"))
        #expect(
            AuditOverviewView(Fixtures.overview, verification: Fixtures.verification).text
                .contains("Last checkpoint: none\n"))
    }

    @Test func theJSONHoldsEverySectionByItsKey() throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(view.rendered(as: .json).utf8)) as? [String: Any])
        for key in [
            "denials_by_organisation", "denials_by_user", "emergency_accesses", "sensitive_reads",
            "reads_under_withdrawn_consent", "serving_starts", "report_series",
        ] {
            #expect(json[key] is [[String: Any]], "missing \(key)")
        }
        #expect((json["verification"] as? [String: Any])?["valid"] as? Bool == true)
        let reads = try #require(json["sensitive_reads"] as? [[String: Any]])
        #expect(reads.first?["consents"] as? [String] == ["C1", "C2"])
        let series = try #require(json["report_series"] as? [[String: Any]])
        #expect(series.first?["reports"] as? Int == 2)
        #expect(
            (series.first?["details"] as? [String])?.map { $0.prefix(22) } == [
                "deliveries by org; mea", "deliveries by org,sex;",
            ])
    }
}
