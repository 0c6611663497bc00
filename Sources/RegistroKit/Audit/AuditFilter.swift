import Foundation

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
    /// Entries on or after this day of `zone`.
    public var since: CalendarDate?
    /// Entries on or before this day of `zone`.
    public var until: CalendarDate?
    /// The time zone whose days `since` and `until` are: the display zone the times are shown
    /// in, for days people typed; UTC unless told.
    public var zone: TimeZone

    /// A filter; with no condition it selects every entry.
    public init(
        subject: String? = nil, actor: String? = nil, org: String? = nil, decision: AuditDecision? = nil,
        since: CalendarDate? = nil, until: CalendarDate? = nil, zone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.subject = subject
        self.actor = actor
        self.org = org
        self.decision = decision
        self.since = since
        self.until = until
        self.zone = zone
    }
}
