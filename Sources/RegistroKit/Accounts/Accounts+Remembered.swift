import Foundation

extension Accounts {
    /// The user of the API token `token` when it was checked less than a second ago, from
    /// memory alone (`SignedInUserCache`): it reads no database and waits for nothing, so a
    /// server may ask it where it must not block and call `user(forAPIToken:)` only on `nil`.
    public func rememberedUser(forAPIToken token: String) -> SignedInUser? {
        guard token.hasPrefix(Self.tokenPrefix) else { return nil }
        return remembered(Self.digest(ofToken: token), at: rules.now(), asSession: false)
    }

    /// The user of the session `token` when it was checked less than a second ago, from memory
    /// alone, as `rememberedUser(forAPIToken:)`; else `nil`, for `user(forSessionToken:)`.
    public func rememberedUser(forSessionToken token: String) -> SignedInUser? {
        remembered(Self.digest(ofToken: token), at: rules.now(), asSession: true)
    }

    /// The user remembered at `now` for the token of `digest`, when it was recognised as the
    /// credential asked for: a token remembered as an API token never answers for a session
    /// cookie (whose state-changing requests need the CSRF token), nor a session's for a bearer.
    func remembered(_ digest: Data, at now: Date, asSession: Bool) -> SignedInUser? {
        guard let known = signedIn.user(for: digest, at: now) else { return nil }
        switch known.credential {
        case .session: return asSession ? known : nil
        case .apiToken: return asSession ? nil : known
        }
    }
}
