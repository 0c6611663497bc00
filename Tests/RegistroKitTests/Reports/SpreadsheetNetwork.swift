import Foundation
import RegistroTestSupport

@testable import RegistroKit

/// A small network for report tests, built the way organisations fill a registry: each writes
/// a spreadsheet export (CSV) that is imported through `Registry.importDeliveries`. The rows
/// are kept, so tests can compute expected counts from the files themselves.
///
/// A fifth of the people are served by a second organisation. People without a codice fiscale
/// are served by one organisation only and are told apart by its file number (`ref`), as the
/// registry does.
struct SpreadsheetNetwork {
    /// An organisation of the fixture.
    struct Member {
        var id: String
        var territory: String
        var axis: String
    }

    /// One delivery row as written to an organisation's file.
    struct Row {
        var org: String
        /// How the registry tells the person apart: the codice fiscale, else `org/ref`.
        var personKey: String
        var codiceFiscale: String?
        var ref: String
        var birthDate: String
        var sex: String
        var citizenship: String
        var vulnerabilities: [String]
        var service: String
        var date: String
        var hours: String
        var channel: String
        var outcome: String
        var impact: Int
    }

    static let members = [
        Member(id: "lavoro-asti", territory: "asti", axis: "lavoro"),
        Member(id: "casa-asti", territory: "asti", axis: "housing"),
        Member(id: "lavoro-al", territory: "alessandria", axis: "lavoro"),
        Member(id: "scuola-al", territory: "alessandria", axis: "poverta_educativa"),
    ]

    /// The registry.
    let registry: Registry
    /// Where it lives; removed by `remove()`.
    let folder: URL
    /// Every row of every file.
    private(set) var rows: [Row] = []
    /// The axis of each service code, from the nomenclature the files were written with.
    let axisOfService: [String: String]

    /// Builds the registry with `people` people (seeded), writes each organisation's file and
    /// imports it.
    init(people: Int, seed: UInt64 = 7) throws {
        let scratch = try ScratchRegistry("registro-reports", network: Network(id: "rete", name: "Rete"))
        folder = scratch.folder
        registry = scratch.registry
        for member in Self.members {
            try registry.organisations().addOrganisation(
                Organisation(
                    id: member.id, name: member.id, kind: .ets, territory: member.territory, axes: [member.axis],
                    networks: ["rete"]))
        }
        try registry.organisations().addUser(Operator(id: "admin", name: "Admin", org: "lavoro-asti", role: .admin))
        let admin = registry.organisations()
        for (id, role) in [("coord", Role.coordinator), ("dpo", .privacyOfficer), ("sw", .socialWorker)] {
            try admin.addUser(Operator(id: id, name: id, org: "lavoro-asti", role: role))
        }
        for member in Self.members {
            try admin.addUser(Operator(id: "\(member.id)-sw", name: member.id, org: member.id, role: .socialWorker))
        }
        let services = try registry.organisations().codes(.service)
        axisOfService = Dictionary(uniqueKeysWithValues: services.map { ($0.values[0], $0.values[5]) })
        var servicesOfAxis: [String: [String]] = [:]
        for (code, axis) in axisOfService.sorted(by: { $0.key < $1.key }) {
            servicesOfAxis[axis, default: []].append(code)
        }
        var random = SeededRandom(seed: seed)
        for index in 0..<people {
            let first = random.pick(Self.members)
            let hasCode = index % 7 != 3
            let servedTwice = hasCode && index % 5 == 0
            let birth = CalendarDate(
                daysSinceEpoch: CalendarDate(year: 1940, month: 1, day: 1)!.daysSinceEpoch + index * 97 % 25_000)
            let female = random.chance(0.5)
            let code =
                hasCode
                ? try CodiceFiscale.make(
                    familyName: "Bianchi", givenName: "Anna", birthDate: birth,
                    sex: female ? .female : .male, placeCode: "A479"
                ).value
                : nil
            let citizenship = random.pick(["IT", "IT", "IT", "EU", "EXTRA_EU"])
            let vulnerabilities = Array(
                Set([
                    random.pick(["disoccupazione", "disagio_abitativo", "poverta_educativa", "neet"]),
                    random.pick(["disoccupazione", "neet", "senza_dimora"]),
                ])
            ).sorted()
            var organisations = [first]
            if servedTwice { organisations.append(random.pick(Self.members.filter { $0.id != first.id })) }
            for member in organisations {
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let day = CalendarDate(
                        daysSinceEpoch: CalendarDate(year: 2019, month: 6, day: 1)!.daysSinceEpoch
                            + Int.random(in: 0...570, using: &random))
                    rows.append(
                        Row(
                            org: member.id, personKey: code ?? "\(member.id)/R\(index)", codiceFiscale: code,
                            ref: "R\(index)",
                            birthDate: birth.description, sex: female ? "F" : "M", citizenship: citizenship,
                            vulnerabilities: vulnerabilities, service: random.pick(servicesOfAxis[member.axis]!),
                            date: day.description, hours: random.pick(["1", "1.5", "2"]),
                            channel: random.pick(["cpi", "servizi_sociali", "spontaneo"]),
                            outcome: random.pick(["in_corso", "tirocinio", "abbandono"]),
                            impact: Int.random(in: 3...9, using: &random)))
                }
            }
        }
        for member in Self.members {
            let path = folder.appendingPathComponent("\(member.id).csv").path
            try Data(csv(of: member.id).utf8).write(to: URL(fileURLWithPath: path))
            var problems: [ImportProblem] = []
            _ = try registry.session(as: "\(member.id)-sw").imports.importDeliveries(
                from: .file(path: path), report: { problems.append($0) })
            precondition(problems.isEmpty, "the fixture's file was refused: \(problems)")
        }
    }

    /// The CSV export of organisation `org`.
    func csv(of org: String) -> String {
        var text =
            "codice_fiscale,ref,given_name,family_name,birth_date,sex,citizenship,comune,vulnerabilities,service_code,date,hours,channel,outcome,impact,project\n"
        for row in rows where row.org == org {
            text +=
                [
                    row.codiceFiscale ?? "", row.ref, "Anna", "Bianchi", row.birthDate, row.sex, row.citizenship,
                    "Asti", row.vulnerabilities.joined(separator: ";"), row.service, row.date, row.hours, row.channel,
                    row.outcome, String(row.impact), "progetto",
                ].joined(separator: ",") + "\n"
        }
        return text
    }

    /// The rows the files hold, read back from the files on disk (not from memory), so that
    /// expected counts come from the input files themselves.
    func rowsFromFiles() throws -> [(org: String, personKey: String, service: String, date: String)] {
        var result: [(org: String, personKey: String, service: String, date: String)] = []
        for member in Self.members {
            let text = try String(
                contentsOfFile: folder.appendingPathComponent("\(member.id).csv").path, encoding: .utf8)
            let lines = text.split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            let header = lines[0]
            let column = { (name: String) in header.firstIndex(of: name)! }
            for fields in lines.dropFirst() {
                let code = fields[column("codice_fiscale")]
                result.append(
                    (
                        member.id, code.isEmpty ? "\(member.id)/\(fields[column("ref")])" : code,
                        fields[column("service_code")], fields[column("date")]
                    ))
            }
        }
        return result
    }

    /// Removes the registry's files.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
