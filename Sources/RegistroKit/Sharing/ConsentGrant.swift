/// The status of a consent grant, evaluated now: only `given` shares anything.
public enum ConsentStatus: String, Sendable, CaseIterable {
    /// Given, not revoked, not expired: the grant shares its categories.
    case given
    /// The person refused.
    case refused
    /// Revoked since.
    case withdrawn
    /// Past its expiry date.
    case expired
}

/// What `consent grant` records: the person's consent (or refusal) to share categories of their
/// case file with an organisation or a network, for one purpose.
public struct ConsentRequest: Sendable {
    /// The person, by pseudonymous id.
    public var beneficiary: String
    /// The organisation or network receiving the data.
    public var grantee: String
    /// The purpose, a purpose code.
    public var purpose: String
    /// The categories shared.
    public var scope: [CaseCategory]
    /// Explicit consent for special categories (GDPR art. 9(2)(a)).
    public var explicit = false
    /// The last day the grant is valid, `YYYY-MM-DD` or `DD/MM/YYYY`; none means until revoked.
    public var expires: String?
    /// Which privacy-notice text the person was shown.
    public var noticeVersion = ConsentRequest.defaultNoticeVersion
    /// The signed form, whose BLAKE2b digest is kept as evidence.
    public var evidenceFile: String?
    /// Where the signed form is filed (a protocol number); sealed, as it may name the person.
    public var evidenceReference: String?
    /// Whether the person refused rather than consented.
    public var refused = false

    /// The notice version recorded when none is given.
    public static let defaultNoticeVersion = "1"

    /// A request to record consent to share `scope` of `beneficiary` with `grantee` for `purpose`.
    public init(beneficiary: String, grantee: String, purpose: String, scope: [CaseCategory]) {
        self.beneficiary = beneficiary
        self.grantee = grantee
        self.purpose = purpose
        self.scope = scope
    }
}

/// A consent grant as the registry holds it, with its status now; nothing in it is personal
/// (the evidence reference stays sealed).
public struct ConsentGrant: Sendable, Equatable {
    /// The grant's id, `C` and 11 characters.
    public var id: String
    /// The person.
    public var beneficiary: String
    /// The organisation that collected the consent.
    public var grantor: String
    /// The organisation or network receiving the data.
    public var grantee: String
    /// Whether the grantee is a network rather than an organisation.
    public var granteeIsNetwork: Bool
    /// The purpose.
    public var purpose: String
    /// The categories shared.
    public var scope: [CaseCategory]
    /// Explicit consent for special categories.
    public var explicit: Bool
    /// Given, refused, withdrawn or expired, now.
    public var status: ConsentStatus
    /// When it was recorded (UTC).
    public var givenAt: String
    /// The last day it is valid, if it expires.
    public var expiresOn: String?
    /// The privacy-notice version shown.
    public var noticeVersion: String
    /// The BLAKE2b digest of the signed form, hex.
    public var evidenceDigest: String?
    /// Who recorded it.
    public var recordedBy: String
    /// When it was revoked, if it was.
    public var revokedAt: String?
    /// Who revoked it.
    public var revokedBy: String?
}
