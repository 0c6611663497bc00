/// Why a login did not open a session. The cases say only what the person logging in may know:
/// an unknown user, a disabled account and a wrong password or code are all `invalidCredentials`.
public enum LoginRefusal: Error, Sendable, Equatable {
    /// The user, the password or the code is wrong (or the account is disabled).
    case invalidCredentials
    /// Too many failures in a row: the account refuses logins for a while.
    case locked
    /// The password was a one-time password: the login must give a new one.
    case passwordChangeRequired
    /// The account has TOTP: the login must give a code (or a recovery code).
    case codeRequired
    /// The account must enrol TOTP before its first login: the enrolment is pending, and the
    /// login must be repeated with a code from it.
    case enrolmentRequired(TOTPEnrolment)
    /// The new password breaks a rule; the message says which.
    case unacceptableNewPassword(String)

    /// One sentence for the person logging in.
    public var message: String {
        switch self {
        case .invalidCredentials: "the user, the password or the verification code is wrong"
        case .locked: "too many failed logins in a row: this account is locked for 15 minutes"
        case .passwordChangeRequired:
            "this password must be changed at the first login: log in again giving a new password as well"
        case .codeRequired: "this account needs a verification code from its authenticator app or a recovery code"
        case .enrolmentRequired:
            "this account needs an authenticator app: add the account shown, then log in again with its code"
        case .unacceptableNewPassword(let problem): "the new password is not acceptable: \(problem)"
        }
    }
}

/// A TOTP enrolment: the provisioning URI for an authenticator app and the recovery codes, each
/// shown once and usable once.
public struct TOTPEnrolment: Sendable, Equatable {
    /// The `otpauth://` URI (as a QR code or typed in by its secret).
    public let provisioningURI: String
    /// The secret in base 32, for apps that take it typed.
    public let secret: String
    /// The recovery codes, usable once each instead of a code.
    public let recoveryCodes: [String]
}

/// A login that succeeded: who logged in, and the new session's token, shown once.
public struct LoginGrant: Sendable {
    /// The user now logged in.
    public let user: Operator
    /// The session token for the cookie; only its digest is stored.
    public let token: String
    /// The session's CSRF token, which state-changing requests authenticated by cookie carry.
    public let csrf: String
}
