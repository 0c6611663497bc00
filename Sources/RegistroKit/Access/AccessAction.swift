/// The actions of the registry's policies (`Action::"…"` in `Policies/`): what a user asks to
/// do. Raw values are the Cedar action ids.
public enum AccessAction: String, CaseIterable, Sendable {
    /// Read a category of a case file.
    case read
    /// Find a person's pseudonymous id by codice fiscale.
    case lookup
    /// Record a person, a delivery or an observation.
    case record
    /// Export a person's data for them (GDPR art. 15, 20).
    case export
    /// Erase a person (art. 17).
    case erase
    /// Restrict a person's data (art. 18).
    case restrict
    /// Lift a restriction.
    case unrestrict
    /// Record or revoke a person's consent grants.
    case grantConsent = "grant_consent"
    /// Produce a statistical report.
    case report
    /// Produce a report below the default small-cell threshold.
    case reportUnsuppressed = "report_unsuppressed"
    /// Consult the audit log.
    case audit
    /// Rotate the key-encryption key.
    case rotateKeys = "rotate_keys"

    /// Whether the action is about one person's case file (resource `CaseSection`) rather than
    /// the registry as a whole (resource `Registry`).
    var isAboutAPerson: Bool {
        switch self {
        case .report, .reportUnsuppressed, .audit, .rotateKeys: false
        default: true
        }
    }

    /// What the action does, for a denial: "may not …".
    func phrase(subject: String?) -> String {
        let person = subject.map { "`\($0)`" } ?? "this person"
        return switch self {
        case .read: "read \(person)'s case file"
        case .lookup: "look people up by codice fiscale"
        case .record: subject == nil ? "record people or services" : "record data for \(person)"
        case .export: "export \(person)'s data"
        case .erase: "erase \(person)"
        case .restrict: "restrict \(person)'s data"
        case .unrestrict: "lift the restriction of \(person)'s data"
        case .grantConsent: "record or revoke consent for \(person)"
        case .report: "run statistical reports"
        case .reportUnsuppressed:
            "set the small-cell threshold below the default of 5 or ask exact figures (unperturbed, unsuppressed)"
        case .audit: "consult the audit log"
        case .rotateKeys: "rotate the registry's keys"
        }
    }
}
