/// Synthetic people and deliveries for the demo network: each person is served by an
/// organisation of their territory on one axis, some also by a second organisation, and each
/// organisation's deliveries become the spreadsheet export it would import.
struct SyntheticPopulation {
    /// A synthetic person as the spreadsheets of their organisations list them.
    struct Person {
        var givenName: String
        var familyName: String
        var codiceFiscale: String?
        var birthDate: CalendarDate
        var sex: Sex
        var citizenship: Citizenship
        var comune: String
        var phone: String?
        var email: String?
        var vulnerabilities: [String]
        /// File numbers by organisation.
        var refs: [String: String]
    }

    /// One delivery row of an organisation's export.
    struct Row {
        var person: Int
        var service: String
        var date: CalendarDate
        var hours: String
        var channel: String
        var outcome: String
        var impact: Int
        var notes: String?
    }

    /// The people.
    private(set) var people: [Person] = []
    /// The delivery rows of each organisation, by organisation id.
    private(set) var rows: [String: [Row]] = [:]
    /// People served by two organisations.
    private(set) var overlaps = 0

    /// Services of each axis, from the registry's nomenclature.
    private let services: [String: [String]]
    private var random: SeededRandom
    private let firstDay = CalendarDate(year: 2019, month: 9, day: 1)!
    private let lastDay = CalendarDate(year: 2020, month: 12, day: 31)!

    /// Generates `beneficiaries` people and about `deliveries` deliveries with `seed`.
    init(beneficiaries: Int, deliveries: Int, seed: UInt64, services: [String: [String]]) {
        self.services = services
        random = SeededRandom(seed: seed)
        let serving = DemoNetwork.organisations.filter { !$0.axes.isEmpty }
        let perPerson = max(1.0, Double(deliveries) / Double(max(beneficiaries, 1)))
        var remaining = deliveries
        for index in 0..<beneficiaries {
            let organisation = random.pick(serving)
            let axis = random.pick(organisation.axes)
            people.append(makePerson(index: index, organisation: organisation, axis: axis))
            let peopleLeft = beneficiaries - index
            let count =
                index == beneficiaries - 1
                ? max(remaining, 1)
                : max(
                    1,
                    min(
                        remaining - (peopleLeft - 1),
                        Int((Double.random(in: 0.3...1.7, using: &random) * perPerson).rounded())))
            addRows(count, person: index, organisation: organisation, axis: axis)
            remaining -= count
            if random.chance(0.12) {
                let others = serving.filter { $0.id != organisation.id && $0.territory == organisation.territory }
                if let second = others.isEmpty ? nil : random.pick(others) {
                    overlaps += 1
                    people[index].refs[second.id] = ref(second, index)
                    addRows(
                        Int.random(in: 1...3, using: &random), person: index, organisation: second,
                        axis: random.pick(second.axes))
                }
            }
        }
    }

    private mutating func makePerson(index: Int, organisation: Organisation, axis: String) -> Person {
        let territory = DemoNetwork.territories.first { $0.id == organisation.territory }!
        let citizenship: Citizenship = random.chance(0.7) ? .italian : (random.chance(0.25) ? .europeanUnion : .extraEU)
        let female = random.chance(0.52)
        let (given, family): (String, String) =
            citizenship == .italian
            ? (
                random.pick(female ? SyntheticNames.italianFemale : SyntheticNames.italianMale),
                random.pick(SyntheticNames.italianFamily)
            )
            : (
                random.pick(female ? SyntheticNames.foreignFemale : SyntheticNames.foreignMale),
                random.pick(SyntheticNames.foreignFamily)
            )
        let ageRange =
            axis == "poverta_educativa" && random.chance(0.7) ? 6...17 : (axis == "lavoro" ? 18...62 : 20...75)
        let birthYear = 2020 - Int.random(in: ageRange, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let birthDate = CalendarDate(
            year: birthYear, month: month,
            day: Int.random(in: 1...CalendarDate.daysIn(month: month, year: birthYear), using: &random))!
        let comune = random.pick(territory.comuni)
        let place =
            switch citizenship {
            case .italian: comune.belfiore
            case .europeanUnion: random.pick(SyntheticNames.euStates)
            case .extraEU: random.pick(SyntheticNames.extraEUStates)
            }
        // Some people who arrived recently have no codice fiscale yet.
        let hasCode = citizenship != .extraEU || random.chance(0.7)
        let code =
            hasCode
            ? try? CodiceFiscale.make(
                familyName: family, givenName: given, birthDate: birthDate,
                sex: female ? .female : .male, placeCode: place
            ).value
            : nil
        let vulnerabilityPool = Self.vulnerabilities[axis] ?? ["isolamento_sociale"]
        var vulnerabilities = [random.pick(vulnerabilityPool)]
        if random.chance(0.4) { vulnerabilities.append(random.pick(vulnerabilityPool)) }
        if citizenship == .extraEU && random.chance(0.5) { vulnerabilities.append("migrazione") }
        return Person(
            givenName: given, familyName: family, codiceFiscale: code, birthDate: birthDate,
            sex: random.chance(0.01) ? .unspecified : (female ? .female : .male), citizenship: citizenship,
            comune: comune.name,
            phone: random.chance(0.7)
                ? "3\(Int.random(in: 10...99, using: &random)) \(Int.random(in: 1_000_000...9_999_999, using: &random))"
                : nil,
            email: random.chance(0.3) ? "utente\(index)@example.org" : nil,
            vulnerabilities: Array(Set(vulnerabilities)).sorted(), refs: [organisation.id: ref(organisation, index)])
    }

    private mutating func addRows(_ count: Int, person: Int, organisation: Organisation, axis: String) {
        let pool = services[axis] ?? []
        guard !pool.isEmpty else { return }
        let span = firstDay.daysSinceEpoch...lastDay.daysSinceEpoch
        var days = (0..<count).map { _ in Int.random(in: span, using: &random) }
        days.sort()
        let channel = random.pick(Self.channels[axis] ?? ["altro"])
        for (index, day) in days.enumerated() {
            let last = index == days.count - 1
            rows[organisation.id, default: []].append(
                Row(
                    person: person, service: random.pick(pool), date: CalendarDate(daysSinceEpoch: day),
                    hours: random.pick(["0,5", "1", "1,5", "2", "3", "4"]), channel: channel,
                    outcome: last ? random.pick(Self.outcomes[axis] ?? ["concluso"]) : "in_corso",
                    impact: Int.random(in: 4...9, using: &random),
                    notes: random.chance(0.15) ? random.pick(Self.notes) : nil))
        }
    }

    private func ref(_ organisation: Organisation, _ index: Int) -> String {
        "\(organisation.id.prefix(3).uppercased())-\(1000 + index)"
    }

    /// The export of `organisation` as CSV, with Italian spreadsheet habits: `;` separators
    /// and `DD/MM/YYYY` dates.
    func csv(for organisation: String) -> [UInt8] {
        var text =
            "codice_fiscale;ref;given_name;family_name;birth_date;sex;citizenship;comune;phone;email;"
            + "vulnerabilities;service_code;date;hours;channel;outcome;impact;notes;project\n"
        for row in rows[organisation] ?? [] {
            let person = people[row.person]
            let fields: [String] = [
                person.codiceFiscale ?? "", person.refs[organisation] ?? "", person.givenName, person.familyName,
                Self.italian(person.birthDate), person.sex.rawValue, person.citizenship.rawValue, person.comune,
                person.phone ?? "", person.email ?? "", person.vulnerabilities.joined(separator: ";"),
                row.service, Self.italian(row.date), row.hours, row.channel, row.outcome, String(row.impact),
                row.notes ?? "", "wecare-quadrante",
            ]
            text += fields.map { $0.contains(";") ? "\"\($0)\"" : $0 }.joined(separator: ";") + "\n"
        }
        return Array(text.utf8)
    }

    private static func italian(_ date: CalendarDate) -> String {
        let iso = date.description
        return "\(iso.suffix(2))/\(iso.dropFirst(5).prefix(2))/\(iso.prefix(4))"
    }

    private static let vulnerabilities: [String: [String]] = [
        "lavoro": ["disoccupazione", "lavoro_povero", "neet", "poverta_economica", "detenzione", "disabilita"],
        "housing": ["disagio_abitativo", "rischio_sfratto", "senza_dimora", "poverta_economica", "sovraindebitamento"],
        "poverta_educativa": [
            "poverta_educativa", "dispersione_scolastica", "genitorialita_fragile",
            "famiglia_monoparentale", "minore_a_rischio", "divario_digitale",
        ],
    ]
    private static let channels: [String: [String]] = [
        "lavoro": ["cpi", "servizi_sociali", "spontaneo", "ets"],
        "housing": ["servizi_sociali", "ets", "spontaneo"],
        "poverta_educativa": ["scuola", "servizi_sociali", "ets", "spontaneo"],
    ]
    private static let outcomes: [String: [String]] = [
        "lavoro": ["tirocinio", "assunzione", "formazione", "in_corso", "abbandono", "concluso"],
        "housing": ["alloggio", "alloggio_mantenuto", "in_corso", "inviato_altro_servizio", "abbandono"],
        "poverta_educativa": ["concluso", "concluso_parziale", "in_corso", "abbandono"],
    ]
    private static let notes = [
        "Primo colloquio di accoglienza", "Aggiornato il bilancio delle competenze", "Colloquio con la famiglia",
        "Accompagnamento ai servizi", "Verifica intermedia del percorso", "Incontro con l'assistente sociale",
    ]
}
