/// What an audit entry records: an action on the registry, allowed or denied. The raw values
/// are stored in the log and shown by `audit log`; they never change once shipped.
public enum AuditAction: String, RegistroEnumeration {
    /// A registry was created (its first entry).
    case initialise = "init"
    /// A network was added.
    case addNetwork = "add_network"
    /// An organisation was added.
    case addOrganisation = "add_organisation"
    /// A user (operator) was added.
    case addUser = "add_user"
    /// A beneficiary or a delivery was recorded.
    case record
    /// A person was looked up by codice fiscale (`beneficiary find`).
    case lookup
    /// A spreadsheet of deliveries was imported: one entry for the whole file.
    case `import`
    /// A category of a case file was read.
    case read
    /// A person's data was exported (GDPR art. 15/20).
    case export
    /// A person was erased (crypto-shredding, GDPR art. 17).
    case erase
    /// A person's data was restricted (GDPR art. 18).
    case restrict
    /// A restriction was lifted.
    case unrestrict
    /// A consent grant was recorded.
    case grantConsent = "grant_consent"
    /// A consent grant was revoked.
    case revokeConsent = "revoke_consent"
    /// An emergency access was opened ("break the glass").
    case emergencyAccess = "emergency_access"
    /// A user asked why they may or may not read a category of a person's case file
    /// (`policy explain`); the answer tells the person's owner and consent grants.
    case explain
    /// The key-encryption key was rotated.
    case rotateKeys = "rotate_keys"
    /// The policy set in force changed.
    case changePolicies = "change_policies"
    /// A statistical report was produced.
    case report
    /// A report was produced without small-cell suppression.
    case reportUnsuppressed = "report_unsuppressed"
    /// The audit log itself was consulted, verified or checkpointed.
    case audit
    /// Someone logged in to the server, or tried to.
    case login
    /// A session was ended by its user.
    case logout
    /// A user's password was set or changed.
    case setPassword = "set_password"
    /// A user enrolled a TOTP authenticator.
    case enrolTOTP = "enrol_totp"
    /// The users of an organisation were listed.
    case listUsers = "list_users"
    /// A user's account was disabled.
    case disableAccount = "disable_account"
    /// An API token was created.
    case createToken = "create_token"
    /// An API token was revoked.
    case revokeToken = "revoke_token"

    /// The actions by which someone reads or receives a person's data: what a subject report
    /// lists as access, and what makes an organisation a recipient (GDPR art. 15 and 19).
    public static let reads: Set<AuditAction> = [.read, .lookup, .export]

    /// Whether this action reads or receives a person's data.
    public var isRead: Bool { Self.reads.contains(self) }
}

/// An allowed or denied decision, as the log stores it.
public enum AuditDecision: String, RegistroEnumeration {
    /// The action was allowed (and, for a change, carried out).
    case allow
    /// The action was refused.
    case deny
}
