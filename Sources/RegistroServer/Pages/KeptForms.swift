import Foundation
import NIOConcurrencyHelpers

/// Forms posted after their session expired, kept in the server's memory (never on disk, never
/// in the browser) so that nothing typed is lost: after the user logs in again, the page the form
/// came from shows it filled in. One form per user, at most `maximumCharacters` of text, for at
/// most `lifetime`, at most `capacity` users at once (the oldest dropped first); taken out once
/// shown.
final class KeptForms: Sendable {
    /// A form waiting: the page it came from, its fields, and when it was posted.
    private struct Kept {
        let page: String
        let values: [String: [String]]
        let since: Date
    }

    /// How long a form waits for its user to log in again.
    static let lifetime: TimeInterval = 60 * 60
    /// The most text one kept form may hold (a longer one is not kept).
    static let maximumCharacters = 64 * 1024
    /// The most forms kept at once.
    static let capacity = 1000

    private let forms = NIOLockedValueBox<[String: Kept]>([:])
    /// The clock (the account rules' clock, so that tests may move it).
    private let now: @Sendable () -> Date

    /// A store under the clock `now`.
    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// Keeps `values`, posted from `page`, for `userID`, replacing any form kept for them; returns
    /// whether it was kept (not when it is too large).
    func keep(_ values: [String: [String]], from page: String, for userID: String) -> Bool {
        let size = values.reduce(0) { $0 + $1.key.count + $1.value.reduce(0) { $0 + $1.count } }
        guard size <= Self.maximumCharacters else { return false }
        let moment = now()
        forms.withLockedValue { forms in
            forms = forms.filter { moment.timeIntervalSince($0.value.since) < Self.lifetime }
            if forms[userID] == nil, forms.count >= Self.capacity,
                let oldest = forms.min(by: { $0.value.since < $1.value.since })?.key
            {
                forms[oldest] = nil
            }
            forms[userID] = Kept(page: page, values: values, since: moment)
        }
        return true
    }

    /// The page of the form kept for `userID`, if one is waiting.
    func page(for userID: String) -> String? {
        let moment = now()
        return forms.withLockedValue { forms in
            forms[userID].flatMap { moment.timeIntervalSince($0.since) < Self.lifetime ? $0.page : nil }
        }
    }

    /// Takes out the fields of the form `userID` posted from `page`, if it is still waiting.
    func take(from page: String, for userID: String) -> [String: [String]]? {
        let moment = now()
        return forms.withLockedValue { forms in
            guard let kept = forms[userID], kept.page == page, moment.timeIntervalSince(kept.since) < Self.lifetime
            else { return nil }
            forms[userID] = nil
            return kept.values
        }
    }
}
