import Foundation

/// An error the library reports to its caller: one clear sentence, and the kind of failure
/// that decides the command-line exit status.
///
/// Messages follow one style: lowercase start, no final period, user input in backticks,
/// never a personal field's value and never an implementation type's name. They say what went
/// wrong, where (file, line, column or field) and how to fix it.
public struct RegistroError: Error, LocalizedError, Equatable, Sendable {
    /// The kind of failure, which decides the exit status of the command-line tool.
    public enum Kind: Sendable, Equatable {
        /// The command was called wrongly: a missing or contradictory option (exit 64).
        case usage
        /// Input data is invalid: a file, a field, a keyring, a passphrase (exit 65).
        case invalidData
        /// The policy engine denied the request (exit 77).
        case denied
        /// A check found a problem: a failed verification or test (exit 1).
        case checkFailed
        /// Something failed inside the registry that the user cannot fix (exit 70).
        case `internal`
    }

    /// The kind of failure.
    public let kind: Kind
    /// The sentence shown to the user.
    public let message: String

    /// Creates an error of `kind` with the user-facing `message`, whose control characters
    /// (from echoed input) are escaped, line feeds apart.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = ControlCharacters.escaped(message, keepingLineFeeds: true)
    }

    public var errorDescription: String? { message }

    /// An error for a wrongly called command.
    public static func usage(_ message: String) -> RegistroError { .init(.usage, message) }
    /// An error for invalid input data.
    public static func invalidData(_ message: String) -> RegistroError { .init(.invalidData, message) }
    /// An error for a request the policies deny.
    public static func denied(_ message: String) -> RegistroError { .init(.denied, message) }
    /// An error for a failed check.
    public static func checkFailed(_ message: String) -> RegistroError { .init(.checkFailed, message) }
    /// An error inside the registry.
    public static func `internal`(_ message: String) -> RegistroError { .init(.internal, message) }
}
