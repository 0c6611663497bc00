import Foundation

/// What a person gives to log in.
public struct LoginAttempt: Sendable {
    /// The user id.
    public var user: String
    /// The password.
    public var password: String
    /// A TOTP code or a recovery code, for accounts that have (or must have) TOTP.
    public var code: String?
    /// The new password, when the current one is a one-time password.
    public var newPassword: String?

    /// An attempt by `user` with `password`, and optionally a code and a new password.
    public init(user: String, password: String, code: String? = nil, newPassword: String? = nil) {
        self.user = user
        self.password = password
        self.code = code
        self.newPassword = newPassword
    }
}

extension Accounts {
    /// Logs a user in: checks the password (Argon2id), the lockout, the one-time password, the
    /// TOTP code, and opens a new session. Every refusal of a known user and every success is
    /// audited; failures count towards the lockout.
    ///
    /// An unknown user, a disabled account, a wrong password and a wrong code are answered
    /// alike (`LoginRefusal.invalidCredentials`) after the same work: one Argon2id verification.
    ///
    /// - Throws: `LoginRefusal` when no session opens; `RegistroError` when the registry fails.
    public func logIn(_ attempt: LoginAttempt) throws -> LoginGrant {
        let account = try registry.database.read { db in try StoredAccount.load(attempt.user, db) }
        let locked = account.map { $0.lockedUntil.map { $0 > now() } ?? false } ?? unknownNameIsLocked(attempt.user)
        let usable = account.map { !$0.disabled && !locked } ?? false
        let passwordMatches = PasswordHash.verify(attempt.password, against: usable ? account!.passwordHash : decoyHash)
        guard let account, usable, passwordMatches else {
            if locked { throw LoginRefusal.locked }
            try recordFailure(
                of: attempt.user, account: account,
                detail: account?.disabled == true ? "disabled account" : "wrong password")
            throw LoginRefusal.invalidCredentials
        }
        var newHash: String?
        if account.mustChangePassword {
            guard let newPassword = attempt.newPassword else { throw LoginRefusal.passwordChangeRequired }
            if let problem = Self.passwordProblem(newPassword) { throw LoginRefusal.unacceptableNewPassword(problem) }
            if newPassword == attempt.password {
                throw LoginRefusal.unacceptableNewPassword("choose a password other than the one-time password")
            }
            newHash = try PasswordHash.make(newPassword, cost: rules.passwordCost)
        }
        let outcome = try registry.database.write { db in
            try completeLogin(of: account.user, code: attempt.code, newHash: newHash, db)
        }
        switch outcome {
        case .granted(let grant): return grant
        case .refused(let refusal): throw refusal
        }
    }

    /// What the write transaction of a login decided: committed either way, so that a failure
    /// counts and an enrolment is kept.
    private enum LoginOutcome {
        case granted(LoginGrant)
        case refused(LoginRefusal)
    }

    /// The second factor and the session, once the password matched.
    private func completeLogin(
        of user: Operator, code: String?, newHash: String?, _ db: RegistryDatabase.Connection
    ) throws
        -> LoginOutcome
    {
        guard let account = try StoredAccount.load(user.id, db) else { return .refused(.invalidCredentials) }
        if account.totpConfirmed || Self.requiresTOTP(user.role) {
            let keys = try registry.keys()
            guard let code, !code.isEmpty else {
                if account.totpConfirmed { return .refused(.codeRequired) }
                return .refused(
                    .enrolmentRequired(try storeNewEnrolment(for: user.id, confirmed: false, keys: keys, db)))
            }
            var valid = false
            if let sealed = account.totpSecret {
                let totp = try Self.openSecret(sealed, for: user.id, keys: keys)
                if account.totpConfirmed {
                    valid = try consumeSecondFactor(code, totp: totp, lastStep: account.totpLastStep, for: user.id, db)
                } else if let step = totp.matchingStep(of: code, at: rules.now()) {
                    // The first code from a pending enrolment confirms it.
                    try AccountRecord.confirmEnrolment(at: step, for: user.id, db)
                    valid = true
                }
            }
            guard valid else {
                try countFailure(of: account, db)
                try AuditLog.append(
                    AuditEvent(
                        by: user, action: .login, resource: .user(user.id), decision: .deny, detail: "wrong code"),
                    in: db)
                return .refused(.invalidCredentials)
            }
        }
        if let newHash {
            try storePassword(newHash, oneTime: false, for: user.id, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .setPassword, resource: .user(user.id), decision: .allow, detail: "at first login"
                ),
                in: db)
        }
        try AccountRecord.clearFailures(of: user.id, db)
        let token = try openSession(for: user, db)
        try AuditLog.append(AuditEvent(by: user, action: .login, resource: .user(user.id), decision: .allow), in: db)
        return .granted(LoginGrant(user: user, token: token, csrf: Self.csrf(ofSessionToken: token)))
    }

    /// Counts a failed password of `name` (a known account or not) and audits it.
    private func recordFailure(of name: String, account: StoredAccount?, detail: AuditDetail) throws {
        guard let account else {
            recordUnknownNameFailure(name)
            try registry.appendAuditEntry(
                AuditEvent(action: .login, decision: .deny, detail: "unknown user or no password"))
            return
        }
        try registry.database.write { db in
            if !account.disabled { try countFailure(of: account, db) }
            try AuditLog.append(
                AuditEvent(
                    by: account.user, action: .login, resource: .user(account.user.id), decision: .deny,
                    detail: detail),
                in: db)
        }
    }

    /// Adds a failure to `account`, locking it when the failures in a row reach the limit.
    private func countFailure(of account: StoredAccount, _ db: RegistryDatabase.Connection) throws {
        try AccountRecord.countFailure(
            of: account.user.id, limit: rules.failuresBeforeLockout, lockedUntil: timestamp(in: rules.lockoutDuration),
            now: now(), db)
    }
}
