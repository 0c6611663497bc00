import Foundation

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
    /// A password every user of the fixture gets.
    static let password = "correct horse battery"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "registro-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        registry = try Registry.create(
            at: RegistryLocation(database: directory.appendingPathComponent("registro.db").path), protection: .none)
        try registry.organisations().addOrganisation(Organisation(id: "alfa", name: "Cooperativa Alfa", kind: .ets))
        try registry.organisations().addUser(Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin))
        let admin = try registry.session(as: "admin").organisations
        try admin.addUser(Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker))
        try admin.addUser(Operator(id: "dpo", name: "Privacy", org: "alfa", role: .privacyOfficer))
        var rules = AccountRules()
        rules.passwordCost = .minimum
        let clock = Clock()
        rules.now = { clock.now }
        accounts = try registry.accounts(rules: rules)
        self.clock = clock
        for user in ["admin", "sw", "dpo"] {
            try accounts.setPassword(Self.password, for: user)
        }
    }

    /// The clock the fixture's accounts read.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var date = Date(timeIntervalSince1970: 1_800_000_000)
        /// The current time.
        var now: Date {
            lock.lock()
            defer { lock.unlock() }
            return date
        }
        /// Moves the clock forward.
        func advance(_ seconds: TimeInterval) {
            lock.lock()
            date += seconds
            lock.unlock()
        }
    }

    /// The fixture's clock.
    let clock: Clock

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The TOTP of a provisioning URI's secret.
    static func totp(of enrolment: TOTPEnrolment) -> TOTP {
        TOTP(secret: base32Decode(enrolment.secret))
    }

    /// The current code of `totp` under the fixture's clock.
    func code(_ totp: TOTP, stepOffset: Int64 = 0) -> String {
        totp.code(atStep: TOTP.step(at: clock.now) + stepOffset)
    }

    /// Decodes unpadded upper-case base 32.
    static func base32Decode(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var buffer: UInt32 = 0
        var bits = 0
        var output: [UInt8] = []
        for character in text {
            buffer = (buffer << 5) | UInt32(alphabet.firstIndex(of: character)!)
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }

    /// The login entries of the audit log, as `decision detail`.
    func loginAudit() throws -> [String] {
        try registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }
            .filter { $0.action == "login" }
            .map { "\($0.decision) \($0.detail ?? "")" }
    }
}
