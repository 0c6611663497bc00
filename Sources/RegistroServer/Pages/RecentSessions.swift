import Foundation
import NIOConcurrencyHelpers

/// The users of the sessions the server has seen lately, by each session's CSRF token (a digest
/// of its token, so no session token is held): how a form posted after its session expired is
/// tied to its user. Entries last as long as a session may; at most `capacity` of them.
final class RecentSessions: Sendable {
    private let users = NIOLockedValueBox<[String: (userID: String, seen: Date)]>([:])
    /// How long an entry is kept after the session was last seen.
    private let lifetime: TimeInterval
    /// The clock.
    private let now: @Sendable () -> Date

    /// The most sessions remembered.
    static let capacity = 10_000

    /// Remembers sessions for `lifetime` after their last use, under the clock `now`.
    init(lifetime: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.now = now
    }

    /// Notes that the session of `csrf` acts for `userID` now.
    func saw(_ csrf: String, userID: String) {
        let moment = now()
        users.withLockedValue { users in
            if users.count >= Self.capacity {
                users = users.filter { moment.timeIntervalSince($0.value.seen) < lifetime }
                if users.count >= Self.capacity, let oldest = users.min(by: { $0.value.seen < $1.value.seen })?.key {
                    users[oldest] = nil
                }
            }
            users[csrf] = (userID, moment)
        }
    }

    /// Forgets the session of `csrf` (at logout).
    func forget(_ csrf: String) {
        users.withLockedValue { users in users[csrf] = nil }
    }

    /// The user of the session of `csrf`, if it was seen within the lifetime.
    func user(of csrf: String) -> String? {
        let moment = now()
        return users.withLockedValue { users in
            users[csrf].flatMap { moment.timeIntervalSince($0.seen) < lifetime ? $0.userID : nil }
        }
    }
}
