/// Checks of identifiers and free text typed into the registry's commands.
public enum Validators {
    /// The longest slug an organisation, operator or network id may be.
    public static let maximumSlugLength = 64
    /// The longest one-line text (a name, a label) the registry stores.
    public static let maximumLineLength = 200

    /// Requires `text` to be a slug: 1 to 64 lowercase letters, digits, `_` or `-`, starting
    /// with a letter or digit.
    ///
    /// - Throws: `RegistroError` (invalid data) naming `field`, the position of the first
    ///   offending character and the fix.
    public static func requireSlug(_ text: String, field: String) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw RegistroError.invalidData("\(field): is empty; give an id such as `coala` or `mrossi`")
        }
        guard bytes.count <= maximumSlugLength else {
            throw RegistroError.invalidData("\(field): is longer than \(maximumSlugLength) characters; use a shorter id")
        }
        for (offset, byte) in bytes.enumerated() {
            let isLetterOrDigit = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let isPunctuation = byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            guard isLetterOrDigit || (isPunctuation && offset > 0) else {
                throw RegistroError.invalidData(
                    "\(field): character \(offset + 1) is not allowed; ids use lowercase letters, digits, `_` and `-`, and start with a letter or digit")
            }
        }
    }

    /// Requires `text` to be a non-empty line of at most `maximumLength` characters without
    /// control characters.
    ///
    /// - Throws: `RegistroError` (invalid data) naming `field` and the problem; the text itself
    ///   is never shown, as it may be personal data.
    public static func requireText(_ text: String, field: String, maximumLength: Int = maximumLineLength) throws {
        if let problem = textProblem(text, maximumLength: maximumLength) {
            throw RegistroError.invalidData("\(field): \(problem)")
        }
    }

    /// What is wrong with a line of text, or `nil` when it is acceptable.
    public static func textProblem(_ text: String, maximumLength: Int = maximumLineLength, multiline: Bool = false) -> String? {
        if text.allSatisfy(\.isWhitespace) {
            return "is empty; fill it in or leave the option out"
        }
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            let isControl = scalar.properties.generalCategory == .control
            if isControl && !(multiline && (scalar == "\n" || scalar == "\t")) {
                return "character \(count) is a control character; remove it"
            }
        }
        if count > maximumLength {
            return "is \(count) characters long, more than the \(maximumLength) allowed; shorten it"
        }
        return nil
    }

    /// The organisation fiscal code `text` (11 digits with the partita IVA check digit),
    /// without spaces. Temporary until the validation module lands.
    static func organisationFiscalCode(_ text: String, field: String) throws -> String {
        let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
        guard digits.count == 11, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw RegistroError.invalidData("\(field): an organisation's fiscal code has exactly 11 digits; check it")
        }
        var sum = 0
        for (index, byte) in digits.prefix(10).enumerated() {
            let digit = Int(byte - UInt8(ascii: "0"))
            sum += index.isMultiple(of: 2) ? digit : (digit * 2 > 9 ? digit * 2 - 9 : digit * 2)
        }
        guard (10 - sum % 10) % 10 == Int(digits[10] - UInt8(ascii: "0")) else {
            throw RegistroError.invalidData("\(field): digit 11 is not the check digit of the first 10; check for a typing error")
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
