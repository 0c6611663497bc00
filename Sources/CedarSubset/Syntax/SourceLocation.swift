/// A position in a source text: a 1-based line and a 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, counted in Unicode scalars from the start of the line.
    public let column: Int

    /// Creates a location at `line` and `column`, both 1-based.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Text order: by line, then by column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }
}

/// A range of a source text, kept from the lexer through the syntax tree so that every
/// diagnostic can point at the construct it is about.
struct SourceSpan: Hashable, Sendable {
    /// Where the construct starts.
    var start: SourceLocation
    /// The UTF-8 offset where the construct starts.
    var startOffset: Int
    /// The UTF-8 offset just past the construct's end.
    var endOffset: Int

    /// A span covering `self` and `other`.
    func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: start, startOffset: startOffset, endOffset: max(endOffset, other.endOffset))
    }
}

/// Turns UTF-8 offsets of a text into line and column locations.
struct LineTable: Sendable {
    private let lineStarts: [Int]
    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    /// The location of the UTF-8 offset `offset`.
    func location(ofOffset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        var index = lineStart
        let end = min(offset, bytes.count)
        while index < end {
            // Count only the first byte of each scalar.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }
}
