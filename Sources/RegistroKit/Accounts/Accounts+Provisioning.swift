/// A password (and, for privacy officers and admins, a TOTP enrolment) given to a user who had
/// none: shown once, to the operator who asked.
public struct ProvisionedAccount: Sendable {
    /// The user.
    public let user: Operator
    /// The new password.
    public let password: String
    /// The TOTP enrolment, for the roles that must log in with it.
    public let enrolment: TOTPEnrolment?
}

extension Accounts {
    /// Gives every user without a password a random one, and the privacy officers and admins
    /// among them a TOTP enrolment, as the registry's operator: for a demonstration registry,
    /// whose users must be able to log in at once.
    ///
    /// - Throws: `RegistroError` when the keyring does not open.
    public func provisionAccounts() throws -> [ProvisionedAccount] {
        _ = try registry.keys()
        let users = try registry.database.read { db in try AccountRecord.usersWithout(db) }
        return try users.map { user in
            let password = Self.newOneTimePassword()
            try setPassword(password, for: user.id)
            let enrolment = Self.requiresTOTP(user.role) ? try enrolTOTP(for: user.id) : nil
            return ProvisionedAccount(user: user, password: password, enrolment: enrolment)
        }
    }
}
