import Foundation

/// One problem found in a policy, entity, request or schema file: where it is and what is wrong.
///
/// Its description reads `FILE:LINE:COL: problem` (without the parts that are not known).
public struct PolicyDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file the problem is in, when known.
    public var file: String?
    /// Where in the text the problem is, when it has a place in a text.
    public var location: SourceLocation?
    /// The problem: lowercase, no final period, user input in backticks.
    public var message: String

    /// Creates a diagnostic for `message` at `location`.
    public init(_ message: String, at location: SourceLocation?, file: String? = nil) {
        self.message = message
        self.location = location
        self.file = file
    }

    /// `FILE:LINE:COL: problem`, leaving out what is unknown, with control characters escaped.
    public var description: String {
        var prefix = file.map { "\($0):" } ?? ""
        if let location { prefix += "\(location.line):\(location.column):" }
        return ControlCharacterEscaping.escaped(prefix.isEmpty ? message : "\(prefix) \(message)")
    }

    /// The same diagnostic attributed to `file`.
    func inFile(_ file: String?) -> PolicyDiagnostic {
        var copy = self
        copy.file = file
        return copy
    }
}

/// The problems that stopped a policy text, a schema or an input file from loading, in text order.
public struct PolicyError: Error, Sendable, LocalizedError, CustomStringConvertible {
    /// Every problem found, at least one.
    public let diagnostics: [PolicyDiagnostic]

    /// Creates an error from `diagnostics`, which must not be empty.
    public init(_ diagnostics: [PolicyDiagnostic]) {
        precondition(!diagnostics.isEmpty, "a policy error needs at least one diagnostic")
        self.diagnostics = diagnostics
    }

    /// Creates an error holding one problem that has no place in a text, such as a file that
    /// cannot be read.
    public init(_ message: String) {
        self.init([PolicyDiagnostic(message, at: nil)])
    }

    /// Every diagnostic on its own line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// Every diagnostic on its own line.
    public var errorDescription: String? { description }

    /// The same error with every diagnostic attributed to `file`.
    func inFile(_ file: String?) -> PolicyError {
        PolicyError(diagnostics.map { $0.inFile(file) })
    }
}
