import Foundation

/// The users of recently checked session and API tokens, by the token's digest (never the
/// token), so that a client sending many requests is not looked up and given a new session
/// for each of them.
///
/// An entry answers for at most `freshness` after the registry was read for it, measured on
/// both the accounts' clock and the machine's monotonic clock, whichever runs out first: a
/// token revoked, a session ended or an account disabled by another program on the same
/// database (the operator's command line) is refused within that time. Every change the
/// accounts make themselves (logout, revocation, password, disabling) forgets every entry
/// once committed, so it takes effect at the next request; a check that read the registry
/// before such a change is not remembered.
final class SignedInUserCache: @unchecked Sendable {
    /// How long an entry answers after the registry was read for it.
    static let freshness: TimeInterval = 1
    /// The most entries kept; past it, all are dropped (they are a second's worth at most).
    static let capacity = 10_000

    private struct Entry {
        let user: SignedInUser
        /// When the registry was read, on the accounts' clock.
        let checkedAt: Date
        /// When the registry was read, on the monotonic clock.
        let checkedInstant: ContinuousClock.Instant
    }

    private var entries: [Data: Entry] = [:]
    private var changes: UInt64 = 0
    private let lock = NSLock()

    /// A count of the changes forgotten so far: taken before reading the registry, handed to
    /// `remember`, so that a reading older than a change is not remembered.
    var generation: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return changes
    }

    /// The user of the token of `digest`, when it was checked less than `freshness` ago at
    /// `now` (the accounts' clock).
    func user(for digest: Data, at now: Date) -> SignedInUser? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[digest] else { return nil }
        let age = now.timeIntervalSince(entry.checkedAt)
        guard age >= 0, age < Self.freshness,
            ContinuousClock.now - entry.checkedInstant < .milliseconds(Int64(Self.freshness * 1000))
        else {
            entries[digest] = nil
            return nil
        }
        return entry.user
    }

    /// Remembers `user` for the token of `digest`, checked at `now`, unless a change was
    /// forgotten since `generation` was taken.
    func remember(_ user: SignedInUser, for digest: Data, checkedAt now: Date, generation: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == changes else { return }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[digest] = Entry(user: user, checkedAt: now, checkedInstant: .now)
    }

    /// Forgets every entry, after a change to sessions, tokens or accounts.
    func forgetAll() {
        lock.lock()
        defer { lock.unlock() }
        changes &+= 1
        entries.removeAll(keepingCapacity: true)
    }
}
