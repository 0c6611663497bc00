import Foundation

/// UTC timestamps as the registry stores them: ISO 8601 with seconds, `2026-11-22T09:30:00Z`.
enum Timestamp {
    /// The current time as stored text.
    static func now() -> String {
        format(Date())
    }

    /// `date` as stored text.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
