import Foundation
import Testing

@Suite("words that help: counts in the singular, code lists that fit a terminal, the review queue for scripts")
struct EverydayWordingTests {
    @Test("an import of one row says 1 delivery, 1 new person; a match says 1 row")
    func importCountsInTheSingular() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let file = try registry.write(
            "uno.csv",
            Data("ref,given_name,family_name,sex,service_code,date\nAL-1,Anna,Neri,F,RT.LAV01,2020-03-02\n".utf8))
        let first = try registry.succeed(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(first.contains("imported 1 delivery from"), "\(first)")
        #expect(first.contains("1 new person, 0 rows matched"), "\(first)")
        let again = try registry.succeed(["import", "deliveries", file, "--again", "--as", "sw-alfa"])
        #expect(again.contains("0 new people, 1 row matched"), "\(again)")
    }

    @Test("every code list fits 100 columns on a terminal, and CSV keeps every column whole")
    func codeListsFitATerminal() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        for kind in ["service", "vulnerability", "channel", "outcome", "purpose"] {
            let text = try registry.succeed(["codes", kind])
            let widest = text.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= 100, "codes \(kind) is \(widest) columns wide")
            #expect(text.contains("--format csv"), "codes \(kind) does not say where the whole list is")
        }
        let service = try registry.succeed(["codes", "service"])
        #expect(service.contains("RT.LAV01") && service.contains("lavoro"))
        let csv = try registry.succeed(["codes", "service", "--format", "csv"])
        #expect(csv.hasPrefix("code,label_it,label_en,macro_area,area_utenza,axis\n"))
        #expect(csv.split(separator: "\n").contains { $0.count > 100 }, "the CSV lost the long labels")
        #expect(!csv.contains("…"))
    }

    @Test("the emergency review queue comes as JSON and CSV with the same accesses as the table; HTML is refused")
    func emergencyQueueForScripts() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw-alfa",
        ])
        let reason = "persona senza dimora a rischio stanotte"
        try registry.succeed([
            "case", "show", person, "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason", reason,
            "--as", "sw-beta",
        ])
        let json = try registry.succeed(["audit", "emergency", "--format", "json", "--as", "dpo"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let access = try #require(rows.first)
        #expect(access["beneficiary"] as? String == person)
        #expect(access["owner"] as? String == "alfa")
        #expect(access["user"] as? String == "sw-beta")
        #expect(access["purpose"] as? String == "presa_in_carico_condivisa")
        #expect(access["reason"] as? String == reason)
        #expect(access["reviewed_at"] is NSNull)
        let id = try #require(access["id"] as? String)

        let csv = try registry.succeed(["audit", "emergency", "--unreviewed", "--format", "csv", "--as", "dpo"])
        let lines = csv.split(separator: "\n")
        #expect(
            lines.first == "id,beneficiary,owner,user,purpose,opened_at,expires_at,reason,reviewed_at,reviewed_by,note")
        #expect(lines.count == 2 && lines[1].hasPrefix("\(id),\(person),alfa,sw-beta,"))

        try registry.succeed(["audit", "review", id, "--note", "verificato con il servizio", "--as", "dpo"])
        let reviewed = try registry.succeed(["audit", "emergency", "--format", "json", "--as", "dpo"])
        #expect(reviewed.contains("\"reviewed_by\" : \"dpo\"") || reviewed.contains("\"reviewed_by\": \"dpo\""))
        #expect(
            try registry.succeed(["audit", "emergency", "--unreviewed", "--format", "json", "--as", "dpo"]) == "[]")

        let html = try registry.run(["audit", "emergency", "--format", "html", "--as", "dpo"])
        #expect(html.status == 64)
        #expect(html.stderr.contains("--format html"))
    }
}
