import Foundation

/// The server's accounts: passwords, TOTP, lockout, login sessions and API tokens.
///
/// Every secret is kept only in a form that cannot be replayed: passwords as Argon2id strings,
/// session and API tokens and recovery codes as BLAKE2b digests, TOTP secrets sealed under a
/// key derived from the root key. Calls that hash a password take tens of milliseconds: a
/// server makes them off its event loop.
public final class Accounts: @unchecked Sendable {
    /// The registry whose operators log in.
    let registry: Registry
    /// Lockout, lifetimes, cost and clock.
    public let rules: AccountRules
    /// The lockout of names that are no user, kept in memory so that an unknown name locks
    /// like a known one (and tells nobody which names exist).
    private var unknownNameFailures: [String: (count: Int, lockedUntil: Date?)] = [:]
    private let lock = NSLock()
    /// A hash of a random password with the rules' cost, verified when there is no real hash to
    /// verify, so that an unknown user costs the same time as a wrong password.
    let decoyHash: String
    /// The users of tokens checked in the last second, by digest.
    let signedIn = SignedInUserCache()

    /// The accounts of `registry` under `rules`.
    ///
    /// - Throws: `RegistroError` (internal) when the machine lacks memory for a password hash.
    public init(registry: Registry, rules: AccountRules = AccountRules()) throws {
        self.registry = registry
        self.rules = rules
        decoyHash = try PasswordHash.make(Hex.encode(Sodium.randomBytes(16)), cost: rules.passwordCost)
    }

    /// The current time as stored text.
    func now() -> String {
        Timestamp.format(rules.now())
    }

    /// The stored text of the time `seconds` from now (negative: ago).
    func timestamp(in seconds: TimeInterval) -> String {
        Timestamp.format(rules.now().addingTimeInterval(seconds))
    }

    /// Whether `role` must log in with TOTP.
    static func requiresTOTP(_ role: Role) -> Bool {
        role == .privacyOfficer || role == .admin
    }

    /// Records a failed login of a name that is no user, locking the name after too many.
    func recordUnknownNameFailure(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        if unknownNameFailures.count > 10_000 { unknownNameFailures.removeAll() }
        var entry = unknownNameFailures[name] ?? (0, nil)
        entry.count += 1
        if entry.count >= rules.failuresBeforeLockout {
            entry = (0, rules.now().addingTimeInterval(rules.lockoutDuration))
        }
        unknownNameFailures[name] = entry
    }

    /// Whether the name that is no user is locked now.
    func unknownNameIsLocked(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let until = unknownNameFailures[name]?.lockedUntil else { return false }
        return until > rules.now()
    }

    /// A fresh random token of 256 bits, in base 64 for URLs, without padding.
    static func newToken() -> String {
        Data(Sodium.randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The digest a token is stored as: BLAKE2b of its text.
    static func digest(ofToken token: String) -> Data {
        Data(BLAKE2b.hash(Array(token.utf8)))
    }

    /// The CSRF token of a session token: BLAKE2b of a label and the token, so it needs no
    /// storage and differs from the stored digest.
    public static func csrf(ofSessionToken token: String) -> String {
        Hex.encode(BLAKE2b.hash(Array("registro csrf\u{0}\(token)".utf8)))
    }
}

extension Registry {
    /// The accounts of this registry's operators, under `rules`.
    public func accounts(rules: AccountRules = AccountRules()) throws -> Accounts {
        try Accounts(registry: self, rules: rules)
    }
}
