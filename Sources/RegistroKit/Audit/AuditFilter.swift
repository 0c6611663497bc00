/// Which entries `audit log` shows; every condition given must hold.
public struct AuditFilter: Sendable, Equatable {
    /// Entries about this beneficiary (pseudonymous id).
    public var subject: String?
    /// Entries by this operator.
    public var actor: String?
    /// Entries by operators of this organisation.
    public var org: String?
    /// Allowed or denied entries only.
    public var decision: AuditDecision?
    /// Entries on or after this day (UTC).
    public var since: CalendarDate?
    /// Entries on or before this day (UTC).
    public var until: CalendarDate?

    /// A filter; with no condition it selects every entry.
    public init(
        subject: String? = nil, actor: String? = nil, org: String? = nil, decision: AuditDecision? = nil,
        since: CalendarDate? = nil, until: CalendarDate? = nil
    ) {
        self.subject = subject
        self.actor = actor
        self.org = org
        self.decision = decision
        self.since = since
        self.until = until
    }
}
