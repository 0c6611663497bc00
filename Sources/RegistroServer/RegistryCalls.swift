import Foundation
import Logging
import RegistroKit

/// Every call the server makes into the library, in one place: the server's handlers speak to
/// this type only, with the signed-in user's `Session` (or, for their own account, their
/// `Operator`), never with a user id string.
///
/// Every call that reads or writes the registry runs on `BlockingWork`'s threads, off the event
/// loops; a token checked within the second is answered from memory where it is asked.
public final class RegistryCalls: Sendable {
    /// The registry served.
    let registry: Registry
    /// Its accounts.
    let accounts: Accounts
    /// The threads the calls run on.
    let work: BlockingWork

    /// Calls into `registry` and `accounts`, run on `work`.
    public init(registry: Registry, accounts: Accounts, work: BlockingWork) {
        self.registry = registry
        self.accounts = accounts
        self.work = work
    }

    // MARK: Accounts

    /// Logs in (Argon2id: on a login thread).
    func logIn(_ attempt: LoginAttempt) async throws -> LoginGrant {
        try await work.login { [accounts] in try accounts.logIn(attempt) }
    }

    /// The user of a session cookie's token, if it is live: from memory, without leaving the
    /// caller's thread, when it was checked within the second, else on a registry thread.
    func user(forSessionToken token: String) async throws -> SignedInUser? {
        if let remembered = accounts.rememberedUser(forSessionToken: token) { return remembered }
        return try await work.registry { [accounts] in try accounts.user(forSessionToken: token) }
    }

    /// The id of the user of a session cookie's token, live or ended lately (see
    /// `Accounts.userOfRecentSession`).
    func userOfRecentSession(token: String) async throws -> String? {
        try await work.registry { [accounts] in try accounts.userOfRecentSession(token: token) }
    }

    /// The user of an API token, if it is live: from memory, without leaving the caller's
    /// thread, when it was checked within the second, else on a registry thread.
    func user(forAPIToken token: String) async throws -> SignedInUser? {
        if let remembered = accounts.rememberedUser(forAPIToken: token) { return remembered }
        return try await work.registry { [accounts] in try accounts.user(forAPIToken: token) }
    }

    /// Ends a session.
    func endSession(token: String, of user: Operator) async throws {
        try await work.registry { [accounts] in try accounts.endSession(token: token, of: user) }
    }

    /// Creates an API token.
    func createAPIToken(for user: Operator, name: String, days: Int) async throws -> NewAPIToken {
        try await work.registry { [accounts] in try accounts.createAPIToken(for: user, name: name, expiresInDays: days)
        }
    }

    /// Revokes an API token of `user`.
    func revokeAPIToken(_ id: String, by user: Operator) async throws {
        try await work.registry { [accounts] in try accounts.revokeAPIToken(id, by: user) }
    }

    /// The API tokens of `user`.
    func apiTokens(of user: Operator) async throws -> [APITokenInfo] {
        try await work.registry { [accounts] in try accounts.apiTokens(of: user) }
    }

    /// Appends a checkpoint to the audit log's witness when the log grew.
    func witnessAuditLog() async throws {
        _ = try await work.registry { [registry] in try registry.witnessAuditLog() }
    }

    // MARK: Users

    /// Adds a user to the admin's organisation with a one-time password.
    func addUser(id: String, name: String, role: Role, oneTimePassword: String, by session: Session) async throws {
        if let problem = Accounts.passwordProblem(oneTimePassword) {
            throw RegistroError.invalidData("password: \(problem)")
        }
        try await work.login { [accounts] in
            try session.organisations.addUser(Operator(id: id, name: name, org: session.user.org, role: role))
            try accounts.setOneTimePassword(oneTimePassword, for: id, by: session.user)
        }
    }

    /// The users of `admin`'s organisation.
    func users(of admin: Operator) async throws -> [Operator] {
        try await work.registry { [accounts] in try accounts.users(managedBy: admin) }
    }

    /// Sets a one-time password for a user of the admin's organisation.
    func setOneTimePassword(_ password: String, for userID: String, by admin: Operator) async throws {
        try await work.login { [accounts] in try accounts.setOneTimePassword(password, for: userID, by: admin) }
    }

    /// Disables a user of the admin's organisation.
    func disable(_ userID: String, by admin: Operator) async throws {
        try await work.registry { [accounts] in try accounts.disable(userID, by: admin) }
    }

    // MARK: Records

    /// The reference codes of `kind`, built-in and the registry's own, by code.
    func codes(_ kind: CodeKind, by session: Session) async throws -> [ReferenceCode] {
        try await work.registry { try session.organisations.codes(kind) }
    }

    /// Records a beneficiary; returns their id.
    func addBeneficiary(_ fields: BeneficiaryFields, by session: Session) async throws -> String {
        try await work.registry { try session.records.addBeneficiary(fields) }
    }

    /// Finds a person by codice fiscale.
    func findBeneficiary(codiceFiscale: String, by session: Session) async throws -> String? {
        try await work.registry { try session.records.findBeneficiary(codiceFiscale: codiceFiscale) }
    }

    /// Records a delivery; returns its id.
    func addDelivery(beneficiary: String, _ fields: DeliveryFields, by session: Session) async throws -> Int64 {
        try await work.registry { try session.records.addDelivery(beneficiary: beneficiary, fields) }
    }

    /// Imports a CSV held in memory, all or nothing; returns the summary, or the problems. An
    /// import may take minutes: its start is logged to `logger` (the file's size and the user's
    /// id, nothing of its content), whether it came through the API or the pages.
    func importDeliveries(
        _ bytes: [UInt8], dryRun: Bool, by session: Session, loggingStartTo logger: Logger
    ) async throws -> ImportOutcome {
        logger.info("import of \(bytes.count) bytes started\(dryRun ? " (dry run)" : "") user=\(session.user.id)")
        return try await work.registry {
            let problems = ProblemList()
            do {
                let summary = try session.imports.importDeliveries(
                    from: .bytes(bytes, name: "upload"), dryRun: dryRun, report: { problems.append($0) })
                return .imported(summary)
            } catch let error as RegistroError where error.kind == .invalidData && !problems.items.isEmpty {
                return .refused(error, problems.items)
            }
        }
    }

    // MARK: Sharing

    /// Why the user may or may not read a category of a person's case file for a purpose.
    func explainAccess(
        beneficiary: String, category: CaseCategory, purpose: String, by session: Session
    ) async throws
        -> AccessExplanation
    {
        try await work.registry {
            try session.sharing.explainAccess(beneficiary: beneficiary, category: category, purpose: purpose)
        }
    }

    /// Records a consent grant; returns its id.
    func grantConsent(_ request: ConsentRequest, by session: Session) async throws -> String {
        try await work.registry { try session.sharing.grantConsent(request) }
    }

    /// A person's consent grants.
    func consentGrants(of beneficiary: String, by session: Session) async throws -> [ConsentGrant] {
        try await work.registry { try session.sharing.consentGrants(of: beneficiary) }
    }

    /// Revokes a consent grant.
    func revokeConsent(_ id: String, reason: String, by session: Session) async throws {
        try await work.registry { try session.sharing.revokeConsent(id, reason: reason) }
    }

    /// A person's case file for a purpose, opening an emergency access first when given a reason.
    func caseFile(
        of beneficiary: String, purpose: String, emergency: (reason: String, hours: Int)? = nil, by session: Session
    ) async throws -> CaseFile {
        try await work.registry {
            try session.sharing.caseFile(
                of: beneficiary, purpose: purpose, emergencyReason: emergency?.reason,
                emergencyHours: emergency?.hours ?? SharingService.defaultEmergencyHours)
        }
    }

    /// A page of the case files shared with the user's organisation by consent.
    func sharedCaseFiles(page: Int, by session: Session) async throws -> SharedCaseFilePage {
        try await work.registry { try session.sharing.sharedCaseFiles(page: page) }
    }

    // MARK: Audit and reports

    /// The audit entries matching `filter`.
    func auditEntries(matching filter: AuditFilter, by session: Session) async throws -> [AuditEntry] {
        try await work.registry { try session.audit.auditEntries(matching: filter) }
    }

    /// What the audit log says about one person (GDPR art. 15).
    func subjectReport(of beneficiary: String, by session: Session) async throws -> SubjectReport {
        try await work.registry { try session.audit.subjectReport(beneficiary: beneficiary) }
    }

    /// Verifies the audit log.
    func verifyAuditLog(by session: Session) async throws -> AuditVerification {
        try await work.registry { try session.audit.verifyAuditLog() }
    }

    /// The emergency accesses on the people of the privacy officer's organisation, oldest first;
    /// only those waiting for review when `unreviewed`.
    func emergencyAccesses(unreviewed: Bool, by session: Session) async throws -> [EmergencyAccessReview] {
        try await work.registry { try session.audit.emergencyAccesses(unreviewed: unreviewed) }
    }

    /// Records the review of emergency access `id` with `note`.
    func reviewEmergencyAccess(_ id: String, note: String, by session: Session) async throws {
        try await work.registry { try session.audit.reviewEmergencyAccess(id, note: note) }
    }

    /// A deliveries report.
    func deliveriesReport(_ request: DeliveryReportRequest, by session: Session) async throws -> ReportTable {
        try await work.registry { try session.reports.deliveriesReport(request) }
    }

    /// The overlap report.
    func overlapReport(
        axis: String?, period: ReportPeriod, minCell: Int, by session: Session
    ) async throws
        -> ReportTable
    {
        try await work.registry { try session.reports.overlapReport(axis: axis, period: period, minCell: minCell) }
    }

    /// An organisation's monitoring sheet.
    func monitoringSheet(
        of organisation: String, period: ReportPeriod, minCell: Int, by session: Session
    )
        async throws -> MonitoringSheet
    {
        try await work.registry {
            try session.reports.monitoringSheet(organisation: organisation, period: period, minCell: minCell)
        }
    }

    // MARK: Subject rights

    /// Exports a person's data for them.
    func exportSubject(_ beneficiary: String, by session: Session) async throws -> SubjectExport {
        try await work.registry { try session.subjectRights.exportSubject(beneficiary) }
    }

    /// Erases a person; returns the organisations to tell.
    func eraseSubject(_ beneficiary: String, reason: String, by session: Session) async throws -> [String] {
        try await work.registry { try session.subjectRights.eraseSubject(beneficiary, reason: reason) }
    }

    /// Restricts a person's data.
    func restrictSubject(_ beneficiary: String, reason: String, by session: Session) async throws {
        try await work.registry { try session.subjectRights.restrictSubject(beneficiary, reason: reason) }
    }

    /// Lifts a restriction.
    func unrestrictSubject(_ beneficiary: String, by session: Session) async throws {
        try await work.registry { try session.subjectRights.unrestrictSubject(beneficiary) }
    }
}

/// What an import came to: its summary, or the error and every problem of the file.
enum ImportOutcome: Sendable {
    case imported(ImportSummary)
    case refused(RegistroError, [ImportProblem])
}

/// The problems an import reports, collected on the thread that runs it.
private final class ProblemList: @unchecked Sendable {
    private(set) var items: [ImportProblem] = []

    func append(_ problem: ImportProblem) {
        items.append(problem)
    }
}
