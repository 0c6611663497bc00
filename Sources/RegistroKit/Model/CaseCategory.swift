/// A category of a beneficiary's case file: the unit that consent grants open and
/// that the audit log records for every read.
public enum CaseCategory: String, RegistroEnumeration {
    /// Names, codice fiscale, birth date.
    case identity
    /// Phone, email, address.
    case contact
    /// Vulnerabilities and needs.
    case needs
    /// Deliveries by every organisation.
    case services
    /// Special-category data: health, disability, judicial notes (GDPR art. 9).
    case sensitive
    /// Free-text notes.
    case notes
}
