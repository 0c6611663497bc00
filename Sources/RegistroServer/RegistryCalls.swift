import Foundation
import RegistroKit

/// Every call the server makes into the library, in one place: the server's handlers speak to
/// this type only, with the signed-in `Operator`, never with a user id string of their own.
/// When the library hands out a per-user `Session`, this file is the one to change.
///
/// Every call runs on `BlockingWork`'s threads, off the event loops.
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

    /// The user of a session cookie's token, if it is live.
    func user(forSessionToken token: String) async throws -> SignedInUser? {
        try await work.registry { [accounts] in try accounts.user(forSessionToken: token) }
    }

    /// The user of an API token, if it is live.
    func user(forAPIToken token: String) async throws -> SignedInUser? {
        try await work.registry { [accounts] in try accounts.user(forAPIToken: token) }
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
    func addUser(_ user: Operator, oneTimePassword: String, by admin: Operator) async throws {
        if let problem = Accounts.passwordProblem(oneTimePassword) {
            throw RegistroError.invalidData("password: \(problem)")
        }
        try await work.login { [registry, accounts] in
            try registry.addOperator(
                Operator(id: user.id, name: user.name, org: admin.org, role: user.role), actor: admin.id)
            try accounts.setOneTimePassword(oneTimePassword, for: user.id, by: admin)
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

    /// Records a beneficiary; returns their id.
    func addBeneficiary(_ fields: BeneficiaryFields, by user: Operator) async throws -> String {
        try await work.registry { [registry] in try registry.addBeneficiary(fields, actor: user.id) }
    }

    /// Finds a person by codice fiscale.
    func findBeneficiary(codiceFiscale: String, by user: Operator) async throws -> String? {
        try await work.registry { [registry] in
            try registry.findBeneficiary(codiceFiscale: codiceFiscale, actor: user.id)
        }
    }

    /// Records a delivery; returns its id.
    func addDelivery(beneficiary: String, _ fields: DeliveryFields, by user: Operator) async throws -> Int64 {
        try await work.registry { [registry] in
            try registry.addDelivery(beneficiary: beneficiary, fields, actor: user.id)
        }
    }

    // MARK: Sharing

    /// Why the user may or may not read a category of a person's case file for a purpose.
    func explainAccess(beneficiary: String, category: CaseCategory, purpose: String, by user: Operator) async throws
        -> AccessExplanation
    {
        try await work.registry { [registry] in
            try registry.explainAccess(beneficiary: beneficiary, category: category, purpose: purpose, actor: user.id)
        }
    }

    /// Records a consent grant; returns its id.
    func grantConsent(_ request: ConsentRequest, by user: Operator) async throws -> String {
        try await work.registry { [registry] in try registry.grantConsent(request, actor: user.id) }
    }

    /// A person's case file for a purpose, opening an emergency access first when given a reason.
    func caseFile(
        of beneficiary: String, purpose: String, emergency: (reason: String, hours: Int)? = nil, by user: Operator
    ) async throws -> CaseFile {
        try await work.registry { [registry] in
            try registry.caseFile(
                of: beneficiary, purpose: purpose, actor: user.id, emergencyReason: emergency?.reason,
                emergencyHours: emergency?.hours ?? Registry.defaultEmergencyHours)
        }
    }

    // MARK: Audit and reports

    /// The audit entries matching `filter`.
    func auditEntries(matching filter: AuditFilter, by user: Operator) async throws -> [AuditEntry] {
        try await work.registry { [registry] in try registry.auditEntries(matching: filter, actor: user.id) }
    }

    /// What the audit log says about one person (GDPR art. 15).
    func subjectReport(of beneficiary: String, by user: Operator) async throws -> SubjectReport {
        try await work.registry { [registry] in try registry.subjectReport(beneficiary: beneficiary, actor: user.id) }
    }

    /// Verifies the audit log.
    func verifyAuditLog(by user: Operator) async throws -> AuditVerification {
        try await work.registry { [registry] in try registry.verifyAuditLog(actor: user.id) }
    }

    /// A deliveries report.
    func deliveriesReport(_ request: DeliveryReportRequest, by user: Operator) async throws -> ReportTable {
        try await work.registry { [registry] in try registry.deliveriesReport(request, actor: user.id) }
    }

    // MARK: More records, sharing, reports and subject rights

    /// Imports a CSV held in memory, all or nothing; returns the summary, or the problems.
    func importDeliveries(_ bytes: [UInt8], dryRun: Bool, by user: Operator) async throws -> ImportOutcome {
        try await work.registry { [registry] in
            let problems = ProblemList()
            do {
                let summary = try registry.importDeliveries(
                    from: .bytes(bytes, name: "upload"), actor: user.id, dryRun: dryRun, report: { problems.append($0) }
                )
                return .imported(summary)
            } catch let error as RegistroError where error.kind == .invalidData && !problems.items.isEmpty {
                return .refused(error, problems.items)
            }
        }
    }

    /// A person's consent grants.
    func consentGrants(of beneficiary: String, by user: Operator) async throws -> [ConsentGrant] {
        try await work.registry { [registry] in try registry.consentGrants(of: beneficiary, actor: user.id) }
    }

    /// Revokes a consent grant.
    func revokeConsent(_ id: String, reason: String, by user: Operator) async throws {
        try await work.registry { [registry] in try registry.revokeConsent(id, reason: reason, actor: user.id) }
    }

    /// The overlap report.
    func overlapReport(axis: String?, period: ReportPeriod, minCell: Int, by user: Operator) async throws -> ReportTable
    {
        try await work.registry { [registry] in
            try registry.overlapReport(axis: axis, period: period, minCell: minCell, actor: user.id)
        }
    }

    /// An organisation's monitoring sheet.
    func monitoringSheet(of organisation: String, period: ReportPeriod, minCell: Int, by user: Operator) async throws
        -> MonitoringSheet
    {
        try await work.registry { [registry] in
            try registry.monitoringSheet(organisation: organisation, period: period, minCell: minCell, actor: user.id)
        }
    }

    /// Exports a person's data for them.
    func exportSubject(_ beneficiary: String, by user: Operator) async throws -> SubjectExport {
        try await work.registry { [registry] in try registry.exportSubject(beneficiary, actor: user.id) }
    }

    /// Erases a person; returns the organisations to tell.
    func eraseSubject(_ beneficiary: String, reason: String, by user: Operator) async throws -> [String] {
        try await work.registry { [registry] in try registry.eraseSubject(beneficiary, reason: reason, actor: user.id) }
    }

    /// Restricts a person's data.
    func restrictSubject(_ beneficiary: String, reason: String, by user: Operator) async throws {
        try await work.registry { [registry] in
            try registry.restrictSubject(beneficiary, reason: reason, actor: user.id)
        }
    }

    /// Lifts a restriction.
    func unrestrictSubject(_ beneficiary: String, by user: Operator) async throws {
        try await work.registry { [registry] in try registry.unrestrictSubject(beneficiary, actor: user.id) }
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
