/// A field of the registry's requests, named in its errors so that each front end can point
/// at its own control: the command line at an option, the server at a JSON key or a form field.
///
/// The raw value is the field's name in the registry's words (`snake_case`, as in import files
/// and JSON).
public enum RegistroField: String, CaseIterable, Sendable {
    /// The user acting.
    case user
    /// The id of what is being added (network, organisation, user).
    case id
    /// The name of what is being added.
    case name
    /// A network: the one created with a registry, or one an organisation joins.
    case network
    /// The name of the network created with a registry.
    case networkName = "network_name"
    /// An organisation.
    case organisation
    /// An organisation's kind.
    case kind
    /// An organisation's RUNTS section.
    case runtsSection = "runts_section"
    /// An organisation's territory.
    case territory
    /// An organisation's axes.
    case axes
    /// One axis of the service nomenclature.
    case axis
    /// An organisation's fiscal code.
    case fiscalCode = "fiscal_code"
    /// A user's role.
    case role
    /// A person's pseudonymous id.
    case beneficiary
    /// A person's given name.
    case givenName = "given_name"
    /// A person's family name.
    case familyName = "family_name"
    /// A person's codice fiscale.
    case codiceFiscale = "codice_fiscale"
    /// A person's birth date.
    case birthDate = "birth_date"
    /// A person's sex.
    case sex
    /// A person's citizenship.
    case citizenship
    /// A person's comune of residence.
    case comune
    /// A phone number.
    case phone
    /// An email address.
    case email
    /// A postal address.
    case address
    /// An organisation's own file number for a person.
    case ref
    /// Free-text notes.
    case notes
    /// Special-category data.
    case sensitive
    /// Vulnerability codes.
    case vulnerabilities
    /// A delivery's service code.
    case serviceCode = "service_code"
    /// A delivery's date.
    case date
    /// A delivery's hours.
    case hours
    /// A delivery's referral channel.
    case channel
    /// A delivery's outcome.
    case outcome
    /// A delivery's impact score.
    case impact
    /// A delivery's project.
    case project
    /// The organisation or network a consent grant is given to.
    case grantee
    /// The purpose of a reading or of a consent.
    case purpose
    /// The categories a consent covers.
    case scope
    /// The last day a consent is valid.
    case expires
    /// The version of the privacy notice the person was shown.
    case noticeVersion = "notice_version"
    /// Where the paper evidence of a consent is kept.
    case evidenceReference = "evidence_reference"
    /// A consent grant's id.
    case consentGrant = "consent_grant"
    /// Why something is done (a revocation, an erasure, a restriction, an emergency access).
    case reason
    /// An emergency access's id.
    case emergencyAccess = "emergency_access"
    /// A reviewer's note.
    case note
    /// How long an emergency access lasts, in hours.
    case emergencyHours = "emergency_hours"
    /// A report's small-cell threshold.
    case minCell = "min_cell"
    /// A report's dimensions.
    case dimensions
    /// A report's measure.
    case measure
    /// The first day of a period.
    case periodStart = "period_start"
    /// The last day of a period.
    case periodEnd = "period_end"
    /// The registry's database file.
    case database
    /// The registry's keyring file.
    case keyring
    /// The passphrase sealing the keyring.
    case passphrase
    /// An audit checkpoint file.
    case checkpoint
    /// The witness file of the audit log's checkpoints.
    case witness
    /// The file of the registry's audit signing key.
    case auditKey = "audit_key"
    /// How many people a demo registry holds.
    case demoBeneficiaries = "demo_beneficiaries"
    /// How many deliveries a demo registry holds.
    case demoDeliveries = "demo_deliveries"
    /// A page of a list, from 1.
    case page

    /// The field as the library's own messages name it: the raw value.
    public var name: String { rawValue }
}
