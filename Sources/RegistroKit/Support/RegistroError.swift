import Foundation

/// An error the library reports to its caller: what went wrong, in which field, and how to fix
/// it, in the registry's own words, with the kind of failure that decides a front end's answer
/// (the command-line exit status, the server's HTTP status).
///
/// Messages follow one style: lowercase start, no final period, user input in backticks,
/// never a personal field's value and never an implementation type's name. A front end names
/// the field its own way (a command-line option, a form field, a JSON key) and words the hint
/// for its users; `message` is the library's own wording.
public struct RegistroError: Error, LocalizedError, Equatable, Sendable {
    /// The kind of failure, which decides the exit status of the command-line tool.
    public enum Kind: Sendable, Equatable {
        /// The request was made wrongly: a missing or contradictory option (exit 64).
        case usage
        /// Input data is invalid: a file, a field, a keyring, a passphrase (exit 65).
        case invalidData
        /// No such thing (a person, a record, a consent grant, a user) exists, or none the user
        /// has a relationship to: the two read alike (exit 65, as invalid data).
        case notFound
        /// The policy engine denied the request (exit 77).
        case denied
        /// A check found a problem: a failed verification or test (exit 1).
        case checkFailed
        /// Something failed inside the registry that the user cannot fix (exit 70).
        case `internal`
    }

    /// One problem: the field it concerns, what is wrong, and how to fix it.
    public struct Issue: Sendable, Equatable {
        /// The field at fault, or `nil` for a problem of the request as a whole.
        public let field: RegistroField?
        /// What is wrong (and, when no hint applies, how to fix it); never the field's value.
        public let problem: String
        /// Where to look or what to do next, when a front end can say it better.
        public let hint: RegistroHint?
        /// The problem in a typed form a front end words in its own language, when it is one of
        /// the common ones; `problem` is its English sentence.
        public let key: RegistroMessage?

        /// An issue of `field` (or of the whole request), whose control characters (from echoed
        /// input) are escaped, line feeds apart, with its typed form `key` when it has one.
        public init(
            field: RegistroField? = nil, _ problem: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
        ) {
            self.field = field
            self.problem = ControlCharacters.escaped(problem, keepingLineFeeds: true)
            self.hint = hint
            self.key = key
        }

        /// The issue in the library's words: `field: problem; hint`.
        public var text: String {
            (field.map { "\($0.name): " } ?? "") + problem + (hint.map { "; \($0.text)" } ?? "")
        }
    }

    /// The kind of failure.
    public let kind: Kind
    /// The problems, at least one; several when a record has more than one invalid field.
    public let issues: [Issue]

    /// Creates an error of `kind` with the user-facing `message`, about no field in particular.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind, issues: [Issue(message)])
    }

    /// Creates an error of `kind` about `field`: `problem`, and where useful a `hint` and the
    /// problem's typed form `key`.
    public init(
        _ kind: Kind, field: RegistroField?, _ problem: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
    ) {
        self.init(kind, issues: [Issue(field: field, problem, hint: hint, key: key)])
    }

    /// Creates an error of `kind` listing `issues` (at least one).
    public init(_ kind: Kind, issues: [Issue]) {
        precondition(!issues.isEmpty, "an error needs at least one issue")
        self.kind = kind
        self.issues = issues
    }

    /// The first issue's field, if any.
    public var field: RegistroField? { issues[0].field }

    /// The sentence shown to the user, in the library's words: every issue, `; `-separated.
    public var message: String { issues.map(\.text).joined(separator: "; ") }

    public var errorDescription: String? { message }

    /// Two errors are equal when they are of the same kind and read the same.
    public static func == (lhs: RegistroError, rhs: RegistroError) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message
    }

    /// An error for a wrongly made request.
    public static func usage(_ message: String) -> RegistroError { .init(.usage, message) }
    /// An error for invalid input data.
    public static func invalidData(_ message: String) -> RegistroError { .init(.invalidData, message) }
    /// An error for an id naming nothing the user may know of.
    public static func notFound(_ message: String) -> RegistroError { .init(.notFound, message) }
    /// An error for a request the policies deny.
    public static func denied(_ message: String) -> RegistroError { .init(.denied, message) }
    /// An error for a failed check.
    public static func checkFailed(_ message: String) -> RegistroError { .init(.checkFailed, message) }
    /// An error inside the registry.
    public static func `internal`(_ message: String) -> RegistroError { .init(.internal, message) }

    /// An error for a wrongly made request about `field`, with the problem's typed form `key`
    /// when it has one.
    public static func usage(
        _ field: RegistroField, _ problem: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
    ) -> RegistroError {
        .init(.usage, field: field, problem, hint: hint, key: key)
    }

    /// An error for an id of `field` naming nothing the user may know of, with the problem's
    /// typed form `key` when it has one.
    public static func notFound(
        _ field: RegistroField, _ problem: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
    ) -> RegistroError {
        .init(.notFound, field: field, problem, hint: hint, key: key)
    }

    /// An error for an invalid value of `field`, with the problem's typed form `key` when it
    /// has one.
    public static func invalidData(
        _ field: RegistroField, _ problem: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
    ) -> RegistroError {
        .init(.invalidData, field: field, problem, hint: hint, key: key)
    }
}
