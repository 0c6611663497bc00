import Foundation
import Testing

/// `registro report` through the built binary: exit statuses, formats, and the HTML page as a
/// real browser renders it.
@Suite(.serialized) struct ReportCommandTests {
    /// A demo registry of a few hundred people, built once for the suite (removed when the
    /// test process exits), and what `registro demo` printed.
    static let demo: Result<(registry: TemporaryRegistry, output: String), DemoFailure> = {
        do {
            let registry = try TemporaryRegistry()
            atexit { try? FileManager.default.removeItem(at: ReportCommandTests.demoDirectory!) }
            demoDirectory = registry.directory
            let output = try registry.succeed(["demo", "--beneficiaries", "300", "--deliveries", "900"])
            return .success((registry, output))
        } catch {
            return .failure(DemoFailure(description: "registro demo failed: \(error)"))
        }
    }()

    nonisolated(unsafe) static var demoDirectory: URL?

    struct DemoFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func report(_ arguments: [String], as user: String) throws -> CommandResult {
        try demo.get().registry.run(["report"] + arguments + ["--as", user])
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theDemoEndsWithASuppressedReportAndAnOverlapReport() throws {
        let output = try Self.demo.get().output
        let suppressed = try #require(
            output.range(of: "What coordinator coala-coord sees (registro report deliveries --by org,citizenship):"))
        let overlaps = try #require(output.range(of: "Overlaps (registro report overlaps):"))
        #expect(suppressed.upperBound < overlaps.lowerBound)
        #expect(output[suppressed.upperBound..<overlaps.lowerBound].contains("organisation \\ citizenship"))
        #expect(output[suppressed.upperBound...].contains("x (suppressed): after perturbation, fewer than 5 people"))
        #expect(output[suppressed.upperBound...].contains("totals need not add up"))
        #expect(output[overlaps.upperBound...].contains("axis \\ territory"))
        #expect(
            output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("-: nobody."),
            "the overlap report closes the output")
    }

    @Test func aCoordinatorAskingForMinCellOneIsDeniedWithExit77() throws {
        let result = try Self.report(["deliveries", "--by", "org,citizenship", "--min-cell", "1"], as: "coala-coord")
        #expect(result.status == 77)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "registro: `coala-coord` (coordinator, coala) may not set the small-cell threshold below the default of 5"
            ))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aCoordinatorAskingForExactFiguresIsDeniedWithExit77() throws {
        let result = try Self.report(["deliveries", "--by", "org", "--exact"], as: "coala-coord")
        #expect(result.status == 77)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anAdminGetsExactFiguresOfTheirOwnOrganisationAndACoordinatorPerturbedOnes() throws {
        // The demo's admin belongs to the maintainer, which serves nobody: a privacy officer of coala.
        let registry = try Self.demo.get().registry
        let added = try registry.run(
            ["user", "add", "--id", "coala-dpo", "--name", "DPO", "--org", "coala", "--role", "privacy_officer"])
        #expect(added.status == 0 || added.stderr.contains("coala-dpo"))
        let exact = try Self.report(
            ["deliveries", "--by", "org,citizenship", "--exact", "--format", "json"], as: "coala-dpo")
        #expect(exact.status == 0)
        let exactObject = try Self.json(exact.stdout)
        #expect(exactObject["exact"] as? Bool == true && exactObject["note"] is NSNull)
        let exactRows = try #require(exactObject["rows"] as? [[String: Any]])
        #expect(exactRows.allSatisfy { $0["suppressed"] as? Bool == false && $0["value"] is Int })
        let own = Set(exactRows.compactMap { $0["org"] as? String }.filter { $0 != "_total" })
        #expect(own == ["coala"], "an exact report covers the privacy officer's own organisation only")

        let perturbed = try Self.report(
            ["deliveries", "--by", "org,citizenship", "--format", "json"], as: "coala-coord")
        #expect(perturbed.status == 0)
        let object = try Self.json(perturbed.stdout)
        #expect(object["measure"] as? String == "beneficiaries")
        #expect(object["dimensions"] as? [String] == ["org", "citizenship"])
        #expect(object["min_cell"] as? Int == 5)
        #expect(object["exact"] as? Bool == false)
        let note = try #require(object["note"] as? String)
        #expect(note.contains("totals need not add up") && note.contains("i totali possono non coincidere"))
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.contains { $0["suppressed"] as? Bool == true && $0["value"] is NSNull })
        let key = { (row: [String: Any]) in "\(row["org"]!)|\(row["citizenship"]!)" }
        let truth = Dictionary(uniqueKeysWithValues: exactRows.map { (key($0), $0["value"] as! Int) })
        for row in rows where row["suppressed"] as? Bool == false {
            #expect((row["value"] as? Int ?? 0) >= 5)
            if let actual = truth[key(row)], own.contains(row["org"] as! String) {
                #expect(abs((row["value"] as! Int) - actual) <= 3, "a published figure is within 3 of the true one")
            }
        }
    }

    @Test func csvHasTheDimensionColumnsValueAndSuppressed() throws {
        let result = try Self.report(
            ["deliveries", "--by", "territory,sex", "--measure", "deliveries", "--format", "csv"], as: "coala-coord")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "territory,sex,value,suppressed")
        #expect(lines.last?.hasPrefix("# ") == true && lines.last!.contains("totals need not add up"))
        #expect(lines.dropLast().last?.hasPrefix("_total,_total,") == true)
        for line in lines.dropFirst().dropLast() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 4)
            #expect(fields[3] == "true" ? fields[2].isEmpty : !fields[2].isEmpty)
        }
    }

    @Test func badOptionsAreUsageErrorsThatChangeNothing() throws {
        for arguments in [
            ["deliveries", "--by", "org,colour"], ["deliveries", "--by", "org", "--min-cell", "0"],
            ["deliveries", "--by", "org", "--measure", "people"],
            ["deliveries", "--by", "org", "--from", "2020-13-01"],
            ["overlaps", "--from", "2020-06-01", "--to", "2020-01-01"],
            ["deliveries", "--by", "org", "--to", "2020-06-24"], ["scheda", "--org", "coala", "--from", "2020-06-02"],
            ["deliveries", "--by", "org", "--min-cell", "18"],
        ] {
            let result = try Self.report(arguments, as: "admin")
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("registro: "))
            #expect(result.stdout.isEmpty)
        }
        let socialWorker = try Self.report(["overlaps"], as: "coala-sw")
        #expect(socialWorker.status == 77)
        let unknownOrg = try Self.report(["scheda", "--org", "nowhere"], as: "admin")
        #expect(unknownOrg.status == 65)
    }

    @Test func overlapsAndSchedaRunForACoordinator() throws {
        let overlaps = try Self.report(["overlaps", "--format", "json"], as: "coala-coord")
        #expect(overlaps.status == 0)
        #expect(try Self.json(overlaps.stdout)["dimensions"] as? [String] == ["axis", "territory"])
        let scheda = try Self.report(["scheda", "--org", "coala"], as: "coala-coord")
        #expect(scheda.status == 0)
        #expect(scheda.stdout.contains("People:"))
        #expect(scheda.stdout.contains("People by age band"))
    }

    static func htmlReport(in folder: TemporaryRegistry) throws -> String {
        let page = folder.directory.appendingPathComponent("report.html").path
        let result = try Self.report(
            ["deliveries", "--by", "org,axis", "--format", "html", "--out", page], as: "coala-coord")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "--out writes the file, not standard output")
        return page
    }

    @Test func theHTMLReportIsAStandalonePageWithAccessibleCharts() throws {
        let folder = try TemporaryRegistry()
        let html = try String(contentsOfFile: try Self.htmlReport(in: folder), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"), "no script")
        #expect(
            !html.contains("http://") && !html.contains("https://") && !html.contains("url("),
            "nothing fetched from a network")
        #expect(
            html.contains("role=\"img\"") && html.contains("<title id=\"chart-1-title\">"),
            "charts have accessible text")
        #expect(html.contains("<desc id=\"chart-1-desc\">"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test(
        .enabled(
            if: Chromium.path != nil,
            "SKIPPED: rendering the HTML report needs Debian's chromium, which `make test` installs with .ci/install-chromium; it is not installed here"
        ))
    func theHTMLReportRendersInHeadlessChromiumWithItsChartsVisible() throws {
        let folder = try TemporaryRegistry()
        let png = folder.directory.appendingPathComponent("report.png").path
        try Chromium.screenshot(of: try Self.htmlReport(in: folder), to: png, in: folder.directory)
        let image = try PNGImage(path: png)
        // #1f5fa0 is the bar colour: two charts of a dozen bars cover thousands of pixels.
        let barPixels = image.count(red: 0x1F, green: 0x5F, blue: 0xA0)
        #expect(barPixels > 5_000, "the bar charts are visible (\(barPixels) pixels of the bar colour)")
        // The page is not all bars: most of it is white paper with text.
        #expect(image.count(red: 255, green: 255, blue: 255) > image.width * image.height / 3)
    }
}
