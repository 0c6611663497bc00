/// An emergency ("break the glass") access as its review queue shows it to the owner's privacy
/// officer: who opened it on whom, for what, why, until when, and its review.
public struct EmergencyAccessReview: Sendable, Equatable {
    /// The emergency access's id.
    public var id: String
    /// The person whose case was opened.
    public var beneficiary: String
    /// The organisation owning the person.
    public var owner: String
    /// The social worker who opened it.
    public var user: String
    /// The one purpose it was opened for.
    public var purpose: String
    /// When it was opened and when it ends (UTC, ISO 8601).
    public var openedAt: String
    /// When it ends (UTC, ISO 8601).
    public var expiresAt: String
    /// The reason the social worker gave.
    public var reason: String
    /// When it was reviewed, `nil` while it waits in the queue.
    public var reviewedAt: String?
    /// Who reviewed it.
    public var reviewedBy: String?
    /// The reviewer's note.
    public var note: String?
}
