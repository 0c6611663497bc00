import Foundation

/// The short note of an audit entry, e.g. `dry run` or `verify: failed at entry 17`.
///
/// It can only be made from string literals, integers and moments: string interpolation of
/// anything else does not compile, so no name, codice fiscale, note or file name can ever reach it.
public struct AuditDetail: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The note's text.
    public let text: String

    /// A note written as a literal.
    public init(stringLiteral value: StaticString) {
        text = value.description
    }

    /// A note written as a literal with integer interpolations.
    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    /// The note's text.
    public var description: String { text }

    /// Builds a note from literal segments, integers and moments only.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        /// Prepares a note of about `literalCapacity` characters.
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 8 * interpolationCount)
        }

        /// Appends a literal segment.
        public mutating func appendLiteral(_ literal: StaticString) {
            text += literal.description
        }

        /// Appends an integer.
        public mutating func appendInterpolation(_ value: some BinaryInteger) {
            text += String(value)
        }

        /// Appends a moment as the entries' UTC time, e.g. `2026-11-22T09:30:00.123Z`.
        public mutating func appendInterpolation(utc moment: Date) {
            let milliseconds = Int((moment.timeIntervalSince1970 * 1_000).rounded(.down))
            text += AuditTime.format(seconds: milliseconds / 1_000, milliseconds: milliseconds % 1_000)
        }
    }
}
