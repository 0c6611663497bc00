/// A beneficiary's fields as typed on the command line or read from a spreadsheet row: raw
/// text, validated by the registry. `nil` or blank means not given.
public struct BeneficiaryFields: Sendable {
    /// Given name (personal, sealed).
    public var givenName: String?
    /// Family name (personal, sealed).
    public var familyName: String?
    /// Codice fiscale (personal, sealed and blind-indexed).
    public var codiceFiscale: String?
    /// Birth date, `YYYY-MM-DD` or `DD/MM/YYYY` (personal, sealed; its year is kept in clear).
    public var birthDate: String?
    /// `F`, `M` or `X`.
    public var sex: String?
    /// `IT`, `EU` or `EXTRA_EU`.
    public var citizenship: String?
    /// The comune of residence.
    public var comune: String?
    /// Phone number (personal, sealed).
    public var phone: String?
    /// Email address (personal, sealed).
    public var email: String?
    /// Address (personal, sealed).
    public var address: String?
    /// Vulnerability codes, separated by `;` or `,`.
    public var vulnerabilities: String?
    /// The owner's own file number.
    public var ref: String?
    /// Free-text notes (personal, sealed).
    public var notes: String?
    /// Special-category data: health, disability, judicial notes (personal, sealed).
    public var sensitive: String?

    /// Creates an empty set of fields.
    public init() {}
}

/// A service delivery's fields as typed or imported: raw text, validated by the registry.
public struct DeliveryFields: Sendable {
    /// The service code from the nomenclature.
    public var serviceCode: String?
    /// The delivery date, `YYYY-MM-DD` or `DD/MM/YYYY`.
    public var date: String?
    /// Hours, with `.` or `,` as decimal separator.
    public var hours: String?
    /// Referral channel code.
    public var channel: String?
    /// Outcome code.
    public var outcome: String?
    /// The operator's rating of the impact, 1 to 10.
    public var impact: String?
    /// The funding line.
    public var project: String?
    /// Free-text notes (personal, sealed).
    public var notes: String?

    /// Creates an empty set of fields.
    public init() {}
}
