import Foundation
import NIOConcurrencyHelpers
import RegistroKit

/// Spreadsheets whose dry run passed, kept in the server's memory (never on disk, never in the
/// browser) until their uploader confirms them, for at most 30 minutes, one per user: a new
/// file checked replaces the one waiting.
final class PendingImports: Sendable {
    /// A file waiting: its bytes, its uploader and when it arrived.
    private struct Pending {
        let bytes: [UInt8]
        let userID: String
        let since: Date
    }

    private let files = NIOLockedValueBox<[String: Pending]>([:])

    /// How long a checked file waits for its confirmation.
    static let lifetime: TimeInterval = 30 * 60

    /// Keeps `bytes` for `userID`; returns the random id that confirms them.
    func keep(_ bytes: [UInt8], for userID: String) -> String {
        let id = UUID().uuidString
        files.withLockedValue { files in
            files = files.filter {
                $0.value.userID != userID && Date().timeIntervalSince($0.value.since) < Self.lifetime
            }
            files[id] = Pending(bytes: bytes, userID: userID, since: Date())
        }
        return id
    }

    /// Takes the file `id` of `userID` out of the store, if it is still there.
    func take(_ id: String, for userID: String) -> [UInt8]? {
        files.withLockedValue { files in
            guard let pending = files[id], pending.userID == userID,
                Date().timeIntervalSince(pending.since) < Self.lifetime
            else { return nil }
            files[id] = nil
            return pending.bytes
        }
    }
}
