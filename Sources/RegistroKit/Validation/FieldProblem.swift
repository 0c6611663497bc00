import Foundation

/// Why a field's value was rejected: one sentence saying which part is wrong and how to fix it.
///
/// A `FieldProblem` never contains the rejected value, nor any part of it, because the fields it
/// describes hold personal data (a codice fiscale, a birth date, a phone number) and its message
/// may reach a terminal, a log or an import report. It names positions instead: "character 16
/// should be …". The message follows the project's style: lowercase start, no final period, and
/// no field name, so the caller can prefix it with where the value came from, for example
/// `deliveries.csv:12: codice_fiscale: character 9 should be a month letter …`.
public struct FieldProblem: Error, LocalizedError, Equatable, Sendable, CustomStringConvertible {
    /// The sentence describing the problem and its fix.
    public let message: String
    /// The 1-based position of the first character at fault, counted after trimming and (for
    /// codes) after removing spaces; `nil` when the problem concerns the value as a whole.
    public let position: Int?
    /// Where to look for the fix, when a front end can say it better than the message.
    public let hint: RegistroHint?
    /// The problem in a typed form a front end words in its own language, when it has one.
    public let key: RegistroMessage?

    /// Creates a problem with `message`, pointing at the 1-based `position` where one applies,
    /// with an optional `hint` and typed form `key`.
    public init(_ message: String, position: Int? = nil, hint: RegistroHint? = nil, key: RegistroMessage? = nil) {
        self.message = message
        self.position = position
        self.hint = hint
        self.key = key
    }

    /// The message.
    public var description: String { message }

    /// The message, so that `localizedDescription` shows it.
    public var errorDescription: String? { message }
}
