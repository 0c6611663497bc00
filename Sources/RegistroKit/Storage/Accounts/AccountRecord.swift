import Foundation
import GRDB

/// A row of `account`: the password, lockout and TOTP state of an operator who can log in.
struct AccountRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"

    /// The columns of `account`.
    enum Columns {
        static let userID = Column(CodingKeys.userID)
        static let disabled = Column(CodingKeys.disabled)
        static let failedLogins = Column(CodingKeys.failedLogins)
        static let lockedUntil = Column(CodingKeys.lockedUntil)
        static let totpSecret = Column(CodingKeys.totpSecret)
        static let totpConfirmed = Column(CodingKeys.totpConfirmed)
        static let totpLastStep = Column(CodingKeys.totpLastStep)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    var userID: String
    /// An Argon2id string.
    var passwordHash: String
    var mustChangePassword: Bool
    var disabled: Bool
    var failedLogins: Int64
    var lockedUntil: String?
    /// The TOTP secret, sealed.
    var totpSecret: Data?
    var totpConfirmed: Bool
    var totpLastStep: Int64?
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case disabled
        case userID = "user_id"
        case passwordHash = "password_hash"
        case mustChangePassword = "must_change_password"
        case failedLogins = "failed_logins"
        case lockedUntil = "locked_until"
        case totpSecret = "totp_secret"
        case totpConfirmed = "totp_confirmed"
        case totpLastStep = "totp_last_step"
        case updatedAt = "updated_at"
    }

    /// Whether `userID` has an account (a password).
    static func exists(_ userID: String, _ db: Database) throws -> Bool {
        try AccountRecord.filter(key: userID).fetchCount(db) > 0
    }

    /// The users who have no account yet, by id.
    static func usersWithout(_ db: Database) throws -> [Operator] {
        let userIDs = AccountRecord.select(Columns.userID)
        return try OperatorRecord.filter(!userIDs.contains(OperatorRecord.Columns.id))
            .order(OperatorRecord.Columns.id).fetchAll(db).map(\.user)
    }

    /// Stores `hash` as the password of `userID` at `now`, creating the account if needed; a
    /// password replaced clears the failures and the lockout, and keeps the TOTP enrolment.
    static func storePassword(_ hash: String, oneTime: Bool, for userID: String, now: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO account (user_id, password_hash, must_change_password, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
                    must_change_password = excluded.must_change_password, failed_logins = 0, locked_until = NULL,
                    updated_at = excluded.updated_at
                """,
            arguments: [userID, hash, oneTime, now])
    }

    /// Disables the account of `userID` at `now`.
    static func disable(_ userID: String, now: String, _ db: Database) throws {
        _ = try AccountRecord.filter(key: userID).updateAll(
            db, Columns.disabled.set(to: true), Columns.updatedAt.set(to: now))
    }

    /// Stores a new TOTP enrolment of `userID` at `now`: its sealed secret, whether it is
    /// confirmed already, and no step accepted yet.
    static func storeEnrolment(
        sealedSecret: [UInt8], confirmed: Bool, for userID: String, now: String, _ db: Database
    ) throws {
        _ = try AccountRecord.filter(key: userID).updateAll(
            db, Columns.totpSecret.set(to: Data(sealedSecret)), Columns.totpConfirmed.set(to: confirmed),
            Columns.totpLastStep.set(to: nil), Columns.updatedAt.set(to: now))
    }

    /// Records `step` as the last TOTP time step accepted from `userID`.
    static func acceptStep(_ step: Int64, for userID: String, _ db: Database) throws {
        _ = try AccountRecord.filter(key: userID).updateAll(db, Columns.totpLastStep.set(to: step))
    }

    /// Confirms the pending enrolment of `userID` with the first code accepted, of `step`.
    static func confirmEnrolment(at step: Int64, for userID: String, _ db: Database) throws {
        _ = try AccountRecord.filter(key: userID).updateAll(
            db, Columns.totpConfirmed.set(to: true), Columns.totpLastStep.set(to: step))
    }

    /// Adds a failed login to `userID` at `now`; when the failures in a row reach `limit`, locks
    /// the account until `lockedUntil` and starts counting again.
    static func countFailure(
        of userID: String, limit: Int, lockedUntil: String, now: String, _ db: Database
    ) throws {
        try db.execute(
            sql: """
                UPDATE account SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
                    updated_at = ?
                WHERE user_id = ?
                """,
            arguments: [limit, lockedUntil, now, userID])
        _ = try AccountRecord.filter(key: userID).filter(Columns.failedLogins >= limit).updateAll(
            db, Columns.failedLogins.set(to: 0))
    }

    /// Clears the failures and the lockout of `userID`, after a login.
    static func clearFailures(of userID: String, _ db: Database) throws {
        _ = try AccountRecord.filter(key: userID).updateAll(
            db, Columns.failedLogins.set(to: 0), Columns.lockedUntil.set(to: nil))
    }
}
