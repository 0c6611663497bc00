/// The codice fiscale of a person: 16 characters assigned by the Agenzia delle Entrate, checked
/// for structure, birth data and check character.
///
/// The layout (D.M. 23 dicembre 1976, n. 13813) is, by 1-based position:
///
/// | positions | content |
/// |---|---|
/// | 1–3 | letters from the family name |
/// | 4–6 | letters from the given name |
/// | 7–8 | year of birth, last two digits |
/// | 9 | month of birth: `A B C D E H L M P R S T` for January … December |
/// | 10–11 | day of birth, `01`–`31`, plus 40 for women (`41`–`71`) |
/// | 12–15 | Belfiore code of the place of birth: a letter and three digits |
/// | 16 | check character computed from the first 15 |
///
/// **Omocodia.** When two people would receive the same code, the Agenzia delle Entrate gives
/// the later one a variant: it replaces digits with letters (`0`–`9` → `L M N P Q R S T U V`),
/// starting from the rightmost of the seven digit positions (15, 14, 13, 11, 10, 8, 7) and
/// moving left, and recomputes the check character. A variant identifies a *different person*
/// from the base code, so normalisation keeps the letters as they are: two codes are the same
/// person only if their normalised texts are equal. Validation decodes the letters back to
/// digits only to check the day and month, and rejects a letter to the left of a digit, which
/// the Agenzia never assigns.
///
/// Validation works on the UTF-8 bytes of the input without allocating, except for the
/// normalised string it returns when that differs from the input; it never includes the
/// value in its errors (see ``FieldProblem``). Printing a `CodiceFiscale` shows no characters of
/// the code either: read ``value`` explicitly where the code is meant to go.
public struct CodiceFiscale: Hashable, Sendable {
    /// The normalised code: 16 characters, upper case, without spaces.
    public let value: String

    /// Validates `text` and keeps its normalised form.
    ///
    /// Normalisation trims the text, removes the spaces inside it and upper-cases it; it does
    /// not change omocodia letters, which belong to the code.
    /// - Parameter text: the code as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the first character at fault and how to fix it.
    public init(_ text: String) throws(FieldProblem) {
        let code = CompactCode(text)
        try Self.check(code)
        value = code.differsFromInput ? code.string() : text
    }

    /// The normalised form of `text`: 16 upper-case characters without spaces.
    ///
    /// This is the form to store, compare and blind-index.
    /// - Parameter text: the code as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the first character at fault and how to fix it.
    public static func normalised(_ text: String) throws(FieldProblem) -> String {
        try CodiceFiscale(text).value
    }

    /// Creates a value from a code already known to be valid and normalised.
    init(trusted value: String) {
        self.value = value
    }

    /// The positions of the seven digits, right to left: the order in which omocodia replaces
    /// them (0-based).
    static let omocodiaOrder = [14, 13, 12, 10, 9, 7, 6]

    /// The letters that stand for the digits `0`–`9` in an omocodic code.
    static let omocodiaLetters: [UInt8] = Array("LMNPQRSTUV".utf8)

    /// The month letters, January first.
    static let monthLetters: [UInt8] = Array("ABCDEHLMPRST".utf8)

    /// The value of a digit position holding a digit or an omocodia letter, or `nil`.
    static func digitValue(_ byte: UInt8) -> Int? {
        if ASCII.isDigit(byte) { return Int(byte - UInt8(ascii: "0")) }
        return omocodiaLetters.firstIndex(of: byte)
    }

    /// The month (1–12) a month letter stands for, or `nil`.
    static func month(_ byte: UInt8) -> Int? {
        monthLetters.firstIndex(of: byte).map { $0 + 1 }
    }
}

extension CodiceFiscale: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A placeholder that shows no character of the code, so that string interpolation and
    /// logging cannot leak it.
    public var description: String { "codice fiscale (redacted)" }
    /// The same placeholder as ``description``.
    public var debugDescription: String { description }
    /// A mirror without children, so that `dump` shows no character of the code either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
