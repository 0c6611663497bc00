import Foundation

/// An identified user's way into a registry: who they are (id, name, organisation, role), the
/// access gate deciding for them, the registry's keys (unlocked on first use) and a clock.
///
/// Every operation done on someone's behalf is reached from a session, through a feature
/// service (`records`, `imports`, `sharing`, `reports`, `audit`, `subjectRights`,
/// `organisations`), so the user is identified once, not per operation. A session is a value:
/// cheap to copy and safe to use from many concurrent requests (a server keeps one per login).
/// What it knows of the user is what the registry held when it was opened.
public struct Session: Sendable {
    /// The user acting.
    public let user: Operator
    /// The registry acted on.
    let registry: Registry
    /// The gate as opened for the user: their organisation's networks and the policies.
    private let openedGate: AccessGate
    /// The time of the session's decisions and records.
    private let clock: @Sendable () -> Date

    /// A session of `user`, with the gate opened for them and `clock`.
    init(user: Operator, registry: Registry, gate: AccessGate, clock: @escaping @Sendable () -> Date) {
        self.user = user
        self.registry = registry
        openedGate = gate
        self.clock = clock
    }

    /// The networks the user's organisation belongs to.
    public var networks: [String] { openedGate.networks }

    /// The time now, as the session's clock tells it.
    public func now() -> Date { clock() }

    /// Today's date, as the session's clock tells it.
    func today() -> CalendarDate { CalendarDate.today(at: clock()) }

    /// The time now as the registry stores it.
    func timestamp() -> String { Timestamp.format(clock()) }

    /// The access gate deciding for the user now.
    func gate() -> AccessGate { openedGate.at(clock()) }

    /// The registry's keys, opening the keyring on first use.
    func keys() throws -> KeyMaterial { try registry.keys() }

    /// Recording beneficiaries and deliveries.
    public var records: RecordsService { RecordsService(session: self) }
    /// Importing spreadsheets of deliveries.
    public var imports: ImportService { ImportService(session: self) }
    /// Consent, case files, access explanations and emergency access.
    public var sharing: SharingService { SharingService(session: self) }
    /// Statistical reports.
    public var reports: ReportService { ReportService(session: self) }
    /// The audit log, as this user may consult it.
    public var audit: AuditService { AuditService(registry: registry, agent: .user(self)) }
    /// A person's rights: export, erasure, restriction.
    public var subjectRights: SubjectRightsService { SubjectRightsService(session: self) }
    /// Networks, organisations and users, changed as this user.
    public var organisations: OrganisationService { OrganisationService(registry: registry, agent: .user(self)) }
}
