import Foundation

/// The columns an import file may have, by their header name. Headers are matched without
/// regard to case, accents, spaces or hyphens, and a few Italian names are accepted beside
/// the English ones (`cognome` for `family_name`, `data` for `date`, ...).
enum ImportColumn: String, CaseIterable {
    case codiceFiscale = "codice_fiscale"
    case ref
    case givenName = "given_name"
    case familyName = "family_name"
    case birthDate = "birth_date"
    case sex
    case citizenship
    case comune
    case phone
    case email
    case address
    case vulnerabilities
    case sensitive
    case serviceCode = "service_code"
    case date
    case hours
    case channel
    case outcome
    case impact
    case notes
    case project

    /// Italian header names accepted for each column.
    static let italianNames: [String: ImportColumn] = [
        "cf": .codiceFiscale, "riferimento": .ref, "fascicolo": .ref, "nome": .givenName,
        "cognome": .familyName, "data_nascita": .birthDate, "data_di_nascita": .birthDate, "sesso": .sex,
        "cittadinanza": .citizenship, "telefono": .phone, "indirizzo": .address,
        "vulnerabilita": .vulnerabilities, "servizio": .serviceCode, "codice_servizio": .serviceCode,
        "data": .date, "ore": .hours, "canale": .channel, "invio": .channel, "esito": .outcome,
        "impatto": .impact, "note": .notes, "progetto": .project,
    ]

    /// The columns every import file must have.
    static let required: [ImportColumn] = [.serviceCode, .date]

    /// The column a header names, or `nil`.
    init?(header: String) {
        let key = Self.normalise(header)
        guard let column = ImportColumn(rawValue: key) ?? Self.italianNames[key] else { return nil }
        self = column
    }

    /// A header lowercased, without accents, with spaces and hyphens as underscores.
    static func normalise(_ header: String) -> String {
        let folded = header.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.trimmingCharacters(in: .whitespaces).map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}

extension ImportColumn {
    /// Whether the column describes the person rather than the delivery.
    var isPersonColumn: Bool {
        switch self {
        case .codiceFiscale, .ref, .givenName, .familyName, .birthDate, .sex, .citizenship, .comune, .phone, .email,
            .address, .vulnerabilities, .sensitive:
            true
        case .serviceCode, .date, .hours, .channel, .outcome, .impact, .notes, .project:
            false
        }
    }

    /// Puts the column's `text` into the person's or the delivery's fields.
    func set(_ text: String, person: inout BeneficiaryFields, delivery: inout DeliveryFields) {
        switch self {
        case .codiceFiscale: person.codiceFiscale = text
        case .ref: person.ref = text
        case .givenName: person.givenName = text
        case .familyName: person.familyName = text
        case .birthDate: person.birthDate = text
        case .sex: person.sex = text
        case .citizenship: person.citizenship = text
        case .comune: person.comune = text
        case .phone: person.phone = text
        case .email: person.email = text
        case .address: person.address = text
        case .vulnerabilities: person.vulnerabilities = text
        case .sensitive: person.sensitive = text
        case .serviceCode: delivery.serviceCode = text
        case .date: delivery.date = text
        case .hours: delivery.hours = text
        case .channel: delivery.channel = text
        case .outcome: delivery.outcome = text
        case .impact: delivery.impact = text
        case .notes: delivery.notes = text
        case .project: delivery.project = text
        }
    }
}
