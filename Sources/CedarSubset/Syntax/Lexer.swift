/// Splits policy text into tokens, as Cedar's grammar does: whitespace (Unicode `White_Space`)
/// and `//` comments between tokens, ASCII identifiers, decimal integers and double-quoted
/// strings whose escapes are checked later.
struct Lexer {
    private let source: String
    private let bytes: [UInt8]
    private let lines: LineTable
    private var offset = 0

    init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
        self.lines = LineTable(source)
    }

    /// Every token of the text, ending with `.end`; what starts no token becomes an invalid
    /// token the parser reports where it stands.
    static func tokenize(_ source: String) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func span(from start: Int) -> SourceSpan {
        SourceSpan(start: lines.location(ofOffset: start), startOffset: start, endOffset: offset)
    }

    private func text(from start: Int) -> Substring {
        text(start, offset)
    }

    /// The text between two UTF-8 offsets (never sliced by characters: a combining mark after a
    /// quote belongs to the string, not to the quote).
    private func text(_ start: Int, _ end: Int) -> Substring {
        let utf8 = source.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return Substring(utf8[lower..<upper])
    }

    private mutating func next() -> Token {
        skipTrivia()
        let start = offset
        guard offset < bytes.count else {
            return Token(kind: .end, text: "", span: span(from: start))
        }
        let byte = bytes[offset]
        if isIdentifierStart(byte) {
            offset += 1
            while offset < bytes.count, isIdentifierContinue(bytes[offset]) { offset += 1 }
            return Token(kind: .identifier, text: text(from: start), span: span(from: start))
        }
        if isDigit(byte) {
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            return Token(kind: .number, text: text(from: start), span: span(from: start))
        }
        if byte == UInt8(ascii: "\"") {
            return stringLiteral(from: start)
        }
        if byte == UInt8(ascii: "?"), offset + 1 < bytes.count, isIdentifierStart(bytes[offset + 1]) {
            offset += 2
            while offset < bytes.count, isIdentifierContinue(bytes[offset]) { offset += 1 }
            return Token(kind: .slot, text: text(from: start), span: span(from: start))
        }
        guard let kind = punctuation() else {
            offset = scalarEnd(from: start)
            return Token(kind: .invalidCharacter, text: text(from: start), span: span(from: start))
        }
        return Token(kind: kind, text: text(from: start), span: span(from: start))
    }

    /// Reads a punctuation token at the current offset, longest match first.
    private mutating func punctuation() -> Token.Kind? {
        let byte = bytes[offset]
        let nextByte: UInt8 = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        let two: Token.Kind? =
            switch (byte, nextByte) {
            case (UInt8(ascii: ":"), UInt8(ascii: ":")): .doubleColon
            case (UInt8(ascii: "="), UInt8(ascii: "=")): .equalEqual
            case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
            case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessEqual
            case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterEqual
            case (UInt8(ascii: "|"), UInt8(ascii: "|")): .orOr
            case (UInt8(ascii: "&"), UInt8(ascii: "&")): .andAnd
            default: nil
            }
        if let two {
            offset += 2
            return two
        }
        let one: Token.Kind? =
            switch byte {
            case UInt8(ascii: "@"): .at
            case UInt8(ascii: "."): .dot
            case UInt8(ascii: ","): .comma
            case UInt8(ascii: ";"): .semicolon
            case UInt8(ascii: ":"): .colon
            case UInt8(ascii: "("): .leftParen
            case UInt8(ascii: ")"): .rightParen
            case UInt8(ascii: "{"): .leftBrace
            case UInt8(ascii: "}"): .rightBrace
            case UInt8(ascii: "["): .leftBracket
            case UInt8(ascii: "]"): .rightBracket
            case UInt8(ascii: "<"): .less
            case UInt8(ascii: ">"): .greater
            case UInt8(ascii: "+"): .plus
            case UInt8(ascii: "-"): .minus
            case UInt8(ascii: "*"): .star
            case UInt8(ascii: "/"): .slash
            case UInt8(ascii: "%"): .percent
            case UInt8(ascii: "!"): .bang
            case UInt8(ascii: "="): .equal
            default: nil
            }
        if one != nil { offset += 1 }
        return one
    }

    /// Reads `"…"`: any character but `"` and `\`, or `\` followed by any character but a newline.
    private mutating func stringLiteral(from start: Int) -> Token {
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return Token(kind: .string, text: text(start + 1, offset - 1), span: span(from: start))
            }
            if byte == UInt8(ascii: "\\") {
                guard offset + 1 < bytes.count, bytes[offset + 1] != UInt8(ascii: "\n") else { break }
                offset = scalarEnd(from: offset + 1)
                continue
            }
            offset += 1
        }
        offset = bytes.count
        return Token(kind: .unterminatedString, text: text(from: start), span: span(from: start))
    }

    /// Skips whitespace and `//` comments.
    private mutating func skipTrivia() {
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "/"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "/") {
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") {
                    offset += 1
                }
                continue
            }
            if byte < 0x80 {
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return }
                offset += 1
                continue
            }
            let end = scalarEnd(from: offset)
            let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first
            guard let scalar, scalar.properties.isWhitespace else { return }
            offset = end
        }
    }

    /// The offset just past the UTF-8 scalar starting at `start`.
    private func scalarEnd(from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
