import Foundation

/// The rules of the server's accounts: lockout, session lifetimes, password cost, and the
/// clock they are measured by (injected by tests).
public struct AccountRules: Sendable {
    /// Failed logins in a row that lock an account.
    public var failuresBeforeLockout = 5
    /// How long a locked account refuses logins.
    public var lockoutDuration: TimeInterval = 15 * 60
    /// A session unused this long ends.
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after its login, however busy.
    public var sessionLifetime: TimeInterval = 12 * 60 * 60
    /// The longest life of an API token, in days.
    public var maximumTokenDays = 366
    /// The cost of new password hashes.
    public var passwordCost: PasswordHash.Cost = .interactive
    /// The issuer named in TOTP provisioning URIs, shown by authenticator apps.
    public var issuer = "Registro"
    /// The current time.
    public var now: @Sendable () -> Date = { Date() }

    /// The shortest password accepted, in characters.
    public static let minimumPasswordLength = 10
    /// The longest password accepted, in bytes of UTF-8.
    public static let maximumPasswordBytes = 1024

    /// The rules of accounts: 5 failures lock for 15 minutes, sessions end after 30
    /// minutes idle or 12 hours, interactive Argon2id, the system clock.
    public init() {}
}
