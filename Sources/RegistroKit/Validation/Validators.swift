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
    public static func requireSlug(_ text: String, field: RegistroField) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else {
            throw RegistroError.invalidData(field, "is empty; give an id such as `coala` or `mrossi`", key: .idEmpty)
        }
        guard bytes.count <= maximumSlugLength else {
            throw RegistroError.invalidData(
                field, "is longer than \(maximumSlugLength) characters; use a shorter id",
                key: .idTooLong(maximum: maximumSlugLength))
        }
        for (offset, byte) in bytes.enumerated() {
            let isLetterOrDigit =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let isPunctuation = byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            guard isLetterOrDigit || (isPunctuation && offset > 0) else {
                throw RegistroError.invalidData(
                    field,
                    "character \(offset + 1) is not allowed; ids use lowercase letters, digits, `_` and `-`, and start with a letter or digit",
                    key: .idCharacter(position: offset + 1))
            }
        }
    }

    /// Requires `text` to be a non-empty line of at most `maximumLength` characters without
    /// control characters.
    ///
    /// - Throws: `RegistroError` (invalid data) naming `field` and the problem; the text itself
    ///   is never shown, as it may be personal data.
    public static func requireText(_ text: String, field: RegistroField, maximumLength: Int = maximumLineLength) throws
    {
        if TrimmedScan.trimmed(text).isEmpty {
            throw RegistroError.invalidData(field, "is empty; fill it in", key: .empty)
        }
        if let position = ControlCharacters.firstPosition(in: text, allowingLineBreaks: false) {
            throw RegistroError.invalidData(
                field, "character \(position) is a control character; remove it",
                key: .controlCharacter(position: position))
        }
        do {
            _ = try TextLimit.checked(text, limit: maximumLength)
        } catch {
            throw RegistroError.invalidData(field, error.message, key: error.key)
        }
    }
}
