/// A closed set of values kept as lowercase slugs or fixed codes, parsed with a clear error.
public protocol RegistroEnumeration: RawRepresentable<String>, CaseIterable, Sendable {
    /// Whether an error about an invalid value may show the value; `false` for values about a
    /// person, which never reach an error message.
    static var valueMayBeShown: Bool { get }
}

extension RegistroEnumeration {
    public static var valueMayBeShown: Bool { true }

    /// The value whose raw value is `text`.
    ///
    /// - Throws: `RegistroError` (invalid data) naming `field` and the allowed values.
    public static func parse(_ text: String, field: String) throws -> Self {
        if let value = Self(rawValue: text) { return value }
        throw RegistroError(
            .invalidData, field: nil, "\(field): \(problem(with: text))",
            key: .notOneOf(
                option: field, value: valueMayBeShown ? text : nil,
                allowed: allCases.map(\.rawValue).joined(separator: ", ")
            ))
    }

    /// The problem with a `text` that is not one of the values, without the field name.
    static func problem(with text: String) -> String {
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        return valueMayBeShown
            ? "`\(text)` is not one of \(allowed)"
            : "the value is not one of \(allowed)"
    }
}

/// The legal form family of an organisation.
public enum OrganisationKind: String, RegistroEnumeration {
    /// An ente del Terzo Settore.
    case ets
    /// A public body (comune, ASL, consorzio socio-assistenziale, school).
    case `public`
    /// A company.
    case company
}

/// The section of the RUNTS (Registro unico nazionale del Terzo settore) an ETS is listed in.
public enum RuntsSection: String, RegistroEnumeration {
    /// Organizzazioni di volontariato.
    case odv
    /// Associazioni di promozione sociale.
    case aps
    /// Enti filantropici.
    case enteFilantropico = "ente_filantropico"
    /// Imprese sociali, including cooperative sociali.
    case impresaSociale = "impresa_sociale"
    /// Reti associative.
    case reteAssociativa = "rete_associativa"
    /// Società di mutuo soccorso.
    case mutuoSoccorso = "mutuo_soccorso"
    /// Altri enti del Terzo settore.
    case altroETS = "altro_ets"
}

/// The role of an operator, which the policies use to decide what they may do.
public enum Role: String, RegistroEnumeration {
    /// Records services and reads the cases of their organisation.
    case socialWorker = "social_worker"
    /// Coordinates an organisation's work in the network; reads reports.
    case coordinator
    /// Audits access; never reads personal data.
    case privacyOfficer = "privacy_officer"
    /// Administers the registry.
    case admin
}

/// A beneficiary's sex as recorded for statistics.
public enum Sex: String, RegistroEnumeration {
    /// Female.
    case female = "F"
    /// Male.
    case male = "M"
    /// Not stated or other.
    case unspecified = "X"

    public static var valueMayBeShown: Bool { false }
}

/// A beneficiary's citizenship, coarse for statistics.
public enum Citizenship: String, RegistroEnumeration {
    /// Italian.
    case italian = "IT"
    /// Another European Union country.
    case europeanUnion = "EU"
    /// Outside the European Union.
    case extraEU = "EXTRA_EU"

    public static var valueMayBeShown: Bool { false }
}
