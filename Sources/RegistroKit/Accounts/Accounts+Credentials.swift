import Foundation

extension Accounts {
    /// Sets the password of `userID`, as the registry's operator (who holds the keyring): a
    /// lasting password unless `oneTime`, the account's failures and lockout cleared, its
    /// sessions ended and its API tokens revoked.
    ///
    /// - Throws: `RegistroError` when the keyring does not open, the user does not exist, or
    ///   the password breaks a rule.
    public func setPassword(_ password: String, for userID: String, oneTime: Bool = false) throws {
        defer { signedIn.forgetAll() }
        _ = try registry.keys()
        try Self.requireAcceptable(password)
        let hash = try PasswordHash.make(password, cost: rules.passwordCost)
        try registry.database.write { db in
            guard try OperatorRecord.user(userID, db) != nil else {
                throw RegistroError(
                    .notFound, field: nil, "no user `\(userID)` in this registry; check the id",
                    key: .userNotFound(userID))
            }
            try storePassword(hash, oneTime: oneTime, for: userID, db)
            try endEverySession(of: userID, db)
            try AuditLog.append(
                AuditEvent(action: .setPassword, resource: .user(userID), decision: .allow, detail: "by the operator"),
                in: db)
        }
    }

    /// Sets a one-time password for `userID` as `admin`, who manages the users of their own
    /// organisation only: the user must change it at their next login; their sessions end and
    /// their API tokens are revoked.
    ///
    /// - Throws: `RegistroError` (denied) for an actor who is not an admin, (invalid data) for
    ///   a user outside the admin's organisation, answered as for a user that does not exist.
    public func setOneTimePassword(_ password: String, for userID: String, by admin: Operator) throws {
        defer { signedIn.forgetAll() }
        try Self.requireAcceptable(password)
        let hash = try PasswordHash.make(password, cost: rules.passwordCost)
        try registry.writeAuditing { db in
            try Self.requireManaged(userID, by: admin, action: .setPassword, db)
            try storePassword(hash, oneTime: true, for: userID, db)
            try endEverySession(of: userID, db)
            try AuditLog.append(
                AuditEvent(by: admin, action: .setPassword, resource: .user(userID), decision: .allow), in: db)
        }
    }

    /// The users of `admin`'s organisation, by id.
    ///
    /// - Throws: `RegistroError` (denied, recorded) for an actor who is not an admin.
    public func users(managedBy admin: Operator) throws -> [Operator] {
        try registry.writeAuditing { db in
            guard admin.role == .admin else {
                throw AuditedDenial(
                    AuditEvent(
                        by: admin, action: .listUsers, resource: .organisation(admin.org), decision: .deny,
                        detail: "not an admin"),
                    message:
                        "only an admin lists the users of their organisation; `\(admin.id)` is a \(admin.role.rawValue)",
                    key: .account(.adminListsUsers(user: admin.id, role: admin.role)))
            }
            return try OperatorRecord.users(of: admin.org, db)
        }
    }

    /// Disables the account of `userID` as `admin` of the same organisation, and ends its
    /// sessions and API tokens.
    ///
    /// - Throws: `RegistroError` as `setOneTimePassword`.
    public func disable(_ userID: String, by admin: Operator) throws {
        defer { signedIn.forgetAll() }
        try registry.writeAuditing { db in
            try Self.requireManaged(userID, by: admin, action: .disableAccount, db)
            try AccountRecord.disable(userID, now: now(), db)
            try endEverySession(of: userID, db)
            try AuditLog.append(
                AuditEvent(by: admin, action: .disableAccount, resource: .user(userID), decision: .allow), in: db)
        }
    }

    /// Requires `admin` to be an admin of `userID`'s organisation. Text that cannot be a user id
    /// names nobody, and is answered so before anything is recorded.
    static func requireManaged(
        _ userID: String, by admin: Operator, action: AuditAction, _ db: RegistryDatabase.Connection
    ) throws {
        guard AuditEventCheck.isIdentifier(userID) else {
            throw userNotInOrganisation(userID)
        }
        guard admin.role == .admin else {
            throw AuditedDenial(
                AuditEvent(by: admin, action: action, resource: .user(userID), decision: .deny, detail: "not an admin"),
                message: "only an admin may manage users; `\(admin.id)` is a \(admin.role.rawValue)",
                key: .account(.adminManagesUsers(user: admin.id, role: admin.role)))
        }
        guard let user = try OperatorRecord.user(userID, db), user.org == admin.org else {
            throw userNotInOrganisation(userID)
        }
    }

    /// The answer for a user id that names nobody in the acting admin's organisation.
    private static func userNotInOrganisation(_ userID: String) -> RegistroError {
        RegistroError(
            .notFound, field: nil, "no user `\(userID)` in your organisation; check the id",
            key: .account(.userNotInOrganisation(userID)))
    }

    /// Stores `hash` as the password of `userID`, creating the account if needed.
    func storePassword(_ hash: String, oneTime: Bool, for userID: String, _ db: RegistryDatabase.Connection) throws {
        try AccountRecord.storePassword(hash, oneTime: oneTime, for: userID, now: now(), db)
    }

    /// Ends every session and revokes every API token of `userID`.
    func endEverySession(of userID: String, _ db: RegistryDatabase.Connection) throws {
        try LoginSessionRecord.deleteAll(of: userID, db)
        try APITokenRecord.revokeAll(of: userID, at: now(), db)
    }

    /// What is wrong with `password` as a new password, or `nil`.
    public static func passwordProblem(_ password: String) -> String? {
        PasswordRule.broken(by: password)?.english
    }

    /// Requires `password` to keep the rules of passwords.
    ///
    /// - Throws: `RegistroError` (invalid data) naming the rule it breaks.
    static func requireAcceptable(_ password: String) throws {
        guard let rule = PasswordRule.broken(by: password) else { return }
        throw RegistroError(
            .invalidData, field: nil, "the password is not acceptable: \(rule.english)", key: .account(rule.message))
    }

    /// A new one-time password of 80 random bits, in four groups a person can type:
    /// `abcd-efgh-jkmn-pqrs` (no `l`, `o`, `0` or `1`, which are read wrongly).
    public static func newOneTimePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let characters = (0..<16).map { _ in alphabet[Int(Sodium.randomUniform(UInt32(alphabet.count)))] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
