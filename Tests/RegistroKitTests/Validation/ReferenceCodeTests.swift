@testable import RegistroKit
import RegistroTestSupport
import Testing

/// The shape of the reference code lists in `Schema/codes/`, read as the library embeds them.
@Suite struct ReferenceCodeTests {
    static let slugLists = ["vulnerability", "channel", "outcome", "purpose"]

    @Test func serviceNomenclatureHasTheDocumentedColumnsAndValues() throws {
        let rows = try Self.rows(
            of: "service", header: ["code", "label_it", "label_en", "macro_area", "area_utenza", "axis"])
        let macroAreas: Set = [
            "accesso_presa_in_carico", "domiciliarita", "territoriali_comunitari", "residenziali",
            "inclusione_reddito",
        ]
        let axes: Set = ["housing", "lavoro", "poverta_educativa", "inclusione_sociale", "trasversale"]
        for row in rows {
            #expect(Self.isNationalCode(row[0]) || Self.isNetworkCode(row[0]), "service code \(row[0])")
            #expect(macroAreas.contains(row[3]), "macro_area of \(row[0])")
            #expect(["1", "2", "3"].contains(row[4]), "area_utenza of \(row[0])")
            #expect(axes.contains(row[5]), "axis of \(row[0])")
        }
        #expect((40...80).contains(rows.count))
        let servedAxes = Set(rows.map { $0[5] })
        #expect(servedAxes.isSuperset(of: ["housing", "lavoro", "poverta_educativa"]))
    }

    @Test(arguments: slugLists)
    func slugListHasTheDocumentedColumns(_ name: String) throws {
        let header =
            name == "vulnerability" ? ["code", "label_it", "label_en", "special"] : ["code", "label_it", "label_en"]
        for row in try Self.rows(of: name, header: header) {
            #expect(Self.isSlug(row[0]), "\(name) code \(row[0])")
        }
    }

    @Test(
        "exactly the special-category vulnerabilities (health, disability, self-sufficiency, mental health, addiction, detention, gender-based violence, international protection) are marked special"
    )
    func specialCategoryVulnerabilitiesAreMarked() throws {
        let rows = try Self.rows(of: "vulnerability", header: nil)
        #expect(rows.allSatisfy { $0.count == 4 && ["0", "1"].contains($0[3]) })
        let special = Set(rows.filter { $0[3] == "1" }.map { $0[0] })
        #expect(
            special == [
                "disabilita", "non_autosufficienza", "salute_mentale", "dipendenze", "detenzione", "violenza_di_genere",
                "protezione_internazionale",
            ])
    }

    @Test(arguments: ["service"] + slugLists)
    func codesAreUniqueAndLabelsPresent(_ name: String) throws {
        let rows = try Self.rows(of: name, header: nil)
        let codes = rows.map { $0[0] }
        #expect(Set(codes).count == codes.count, "\(name) repeats a code")
        for row in rows {
            for label in row[1...2] {
                #expect(!label.isEmpty && label.trimmingSpaces == label, "\(name) label of \(row[0])")
            }
        }
    }

    @Test func channelsAreExactlyTheSpecifiedOnes() throws {
        let codes = try Self.rows(of: "channel", header: nil).map { $0[0] }
        #expect(Set(codes) == ["servizi_sociali", "cpi", "scuola", "ets", "sanita", "spontaneo", "altro"])
    }

    @Test func requiredOutcomesAndPurposesArePresent() throws {
        let outcomes = Set(try Self.rows(of: "outcome", header: nil).map { $0[0] })
        #expect(outcomes.isSuperset(of: ["tirocinio", "assunzione", "alloggio", "in_corso", "abbandono"]))
        let purposes = Set(try Self.rows(of: "purpose", header: nil).map { $0[0] })
        #expect(purposes.isSuperset(of: ["presa_in_carico_condivisa", "invio", "statistica"]))
    }

    @Test func splitterFollowsRfc4180Quoting() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"\"\"q\"\"\"\n"
        #expect(CSVRecords.parse(text) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "\"q\""]])
    }

    /// The data rows of `Schema/codes/NAME.csv`, after checking its header (when given) and that
    /// every row has as many fields as the header.
    static func rows(of name: String, header: [String]?) throws -> [[String]] {
        let text = try #require(EmbeddedResources.files["Schema/codes/\(name).csv"], "\(name).csv is embedded")
        let records = CSVRecords.parse(text)
        let first = try #require(records.first)
        if let header { #expect(first == header, "header of \(name).csv") }
        let rows = Array(records.dropFirst())
        for row in rows {
            #expect(row.count == first.count, "\(name).csv row \(row.first ?? "") has \(row.count) fields")
        }
        return rows.filter { $0.count == first.count }
    }

    /// A national SIUSS benefit code: letter, digit, dot, two digits.
    static func isNationalCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 5 && ASCII.isUpper(bytes[0]) && ASCII.isDigit(bytes[1])
            && bytes[2] == UInt8(ascii: ".") && ASCII.isDigit(bytes[3]) && ASCII.isDigit(bytes[4])
    }

    /// A network code: `RT.`, three capital letters, two digits.
    static func isNetworkCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 8 && code.hasPrefix("RT.") && bytes[3...5].allSatisfy(ASCII.isUpper)
            && bytes[6...7].allSatisfy(ASCII.isDigit)
    }

    /// A lower snake-case slug: words of `a`–`z` and digits joined by single underscores,
    /// starting with a letter.
    static func isSlug(_ code: String) -> Bool {
        let words = code.split(separator: "_", omittingEmptySubsequences: false)
        return code.first.map { $0 >= "a" && $0 <= "z" } == true
            && words.allSatisfy {
                !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }
}
