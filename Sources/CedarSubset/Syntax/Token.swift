/// A token of the Cedar policy language.
struct Token: Sendable {
    /// What kind of token this is.
    enum Kind: Sendable, Equatable {
        /// An identifier or a keyword: `[_a-zA-Z][_a-zA-Z0-9]*`.
        case identifier
        /// A template slot such as `?principal`.
        case slot
        /// A non-negative integer literal.
        case number
        /// A string literal; `text` holds it without its quotes and not yet unescaped.
        case string
        case at, dot, comma, semicolon, colon, doubleColon
        case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
        case equalEqual, notEqual, less, lessEqual, greaterEqual, greater
        case orOr, andAnd, plus, minus, star, slash, percent, bang, equal
        /// A character that starts no token; `text` holds it.
        case invalidCharacter
        /// A string literal without its closing quote; `text` holds the rest of the text.
        case unterminatedString
        /// The end of the text.
        case end
    }

    let kind: Kind
    /// The token's text (for identifiers, slots, numbers and strings).
    let text: Substring
    let span: SourceSpan

    /// Whether the token is the identifier or keyword `word`.
    func isWord(_ word: String) -> Bool {
        kind == .identifier && text == word
    }

    /// The problem with an invalid token, if it is one.
    var lexicalProblem: String? {
        switch kind {
        case .invalidCharacter: "unexpected character `\(String(text).debugDescription.dropFirst().dropLast())`"
        case .unterminatedString: "unterminated string literal"
        default: nil
        }
    }

    /// How the token reads in a diagnostic.
    var display: String {
        switch kind {
        case .end: return "end of input"
        case .string: return "`\"\(text)\"`"
        default: return "`\(text)`"
        }
    }
}

/// The words that can never name a variable, attribute, type or namespace.
let reservedWords: Set<Substring> = ["true", "false", "if", "then", "else", "in", "is", "has", "like"]
