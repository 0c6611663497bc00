import HTTPTypes
import NIOConcurrencyHelpers

/// Caps the logins in progress from one client address, so that a storm from one place waits
/// its turn (429) instead of filling the hashing threads.
final class LoginLimiter: Sendable {
    /// How many logins one address may have in progress.
    let limit: Int
    private let inProgress = NIOLockedValueBox<[String: Int]>([:])

    /// A limiter allowing `limit` logins at once per address.
    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` as a login from `address`, or throws 429 when that address has too many
    /// in progress.
    func run<T>(from address: String, _ body: () async throws -> T) async throws -> T {
        let admitted = inProgress.withLockedValue { counts in
            guard counts[address, default: 0] < limit else { return false }
            counts[address, default: 0] += 1
            return true
        }
        guard admitted else {
            throw ServerError(
                .tooManyRequests, "too_many_logins", "too many logins in progress from your address; wait and retry")
        }
        defer {
            inProgress.withLockedValue { counts in
                counts[address, default: 1] -= 1
                if counts[address] == 0 { counts[address] = nil }
            }
        }
        return try await body()
    }
}
