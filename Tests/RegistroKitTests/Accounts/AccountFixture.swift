import Foundation
import RegistroTestSupport

@testable import RegistroKit

/// A registry with one organisation and an admin, a privacy officer and a social worker, and
/// its accounts under a clock the test moves.
final class AccountFixture: @unchecked Sendable {
    /// The temporary directory.
    let directory: URL
    /// The registry.
    let registry: Registry
    /// The accounts, with the minimum password cost and the fixture's clock.
    let accounts: Accounts
    /// The clock the accounts read, at a fixed instant until a test moves it.
    let clock = TestClock(at: Date(timeIntervalSince1970: 1_800_000_000))
    /// A password every user of the fixture gets.
    static let password = "correct horse battery"

    init() throws {
        let scratch = try ScratchRegistry("registro-accounts")
        directory = scratch.folder
        registry = scratch.registry
        try registry.organisations().addOrganisation(Organisation(id: "alfa", name: "Cooperativa Alfa", kind: .ets))
        try registry.organisations().addUser(Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin))
        let admin = try registry.session(as: "admin").organisations
        try admin.addUser(Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker))
        try admin.addUser(Operator(id: "dpo", name: "Privacy", org: "alfa", role: .privacyOfficer))
        accounts = try registry.accounts(rules: .testing(clock: clock))
        for user in ["admin", "sw", "dpo"] {
            try accounts.setPassword(Self.password, for: user)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The TOTP of a provisioning URI's secret.
    static func totp(of enrolment: TOTPEnrolment) -> TOTP {
        TOTP(base32Secret: enrolment.secret)
    }

    /// The current code of `totp` under the fixture's clock.
    func code(_ totp: TOTP, stepOffset: Int64 = 0) -> String {
        totp.code(atStep: TOTP.step(at: clock.now) + stepOffset)
    }

    /// The login entries of the audit log, as `decision detail`.
    func loginAudit() throws -> [String] {
        try registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }
            .filter { $0.action == "login" }
            .map { "\($0.decision) \($0.detail ?? "")" }
    }
}
