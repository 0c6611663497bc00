/// A lenient check of a phone number's shape, Italian or international.
///
/// A number passes when it has 6 to 15 digits (15 is the international maximum, ITU-T E.164),
/// optionally begins with `+`, and otherwise holds only the separators people write: spaces,
/// `-`, `.`, `/`, `(` and `)`. Its normalised form keeps the `+` and the digits only, so that
/// `+39 0131 123 456` and `+39 0131-123456` are stored alike. Whether the number exists, or
/// matches an Italian numbering plan, is not checked.
public enum Phone {
    /// The fewest digits a number may have.
    public static let minimumDigits = 6
    /// The most digits a number may have.
    public static let maximumDigits = 15

    /// The number as `+` (when written) and digits.
    /// - Parameter text: the number as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the character at fault or the wrong digit count.
    public static func validated(_ text: String) throws(FieldProblem) -> String {
        var digits = 0
        var plus = false
        let count = try TrimmedScan.characters(of: text) { byte, position throws(FieldProblem) in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
            case UInt8(ascii: "+"):
                guard position == 1 else {
                    throw FieldProblem(
                        "character \(position) is a +, which may only begin a phone number",
                        position: position)
                }
                plus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
                UInt8(ascii: "("), UInt8(ascii: ")"):
                break
            default:
                throw FieldProblem(
                    "character \(position) cannot be in a phone number; "
                        + "write digits, with + - . / ( ) or spaces between them",
                    position: position)
            }
        }
        guard count > 0 else { throw FieldProblem("is empty; a phone number has 6 to 15 digits") }
        guard (minimumDigits...maximumDigits).contains(digits) else {
            throw FieldProblem(
                "has \(digits) digits; a phone number has \(minimumDigits) to \(maximumDigits)")
        }
        let length = digits + (plus ? 1 : 0)
        if length == count { return String(TrimmedScan.trimmed(text)) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            // The bytes read in place when the string holds them contiguously, not through the
            // view's iterator.
            text.utf8.withContiguousStorageIfAvailable { keptCharacters(of: $0, into: buffer) }
                ?? keptCharacters(of: text.utf8, into: buffer)
        }
    }

    /// Writes the digits and `+` of `bytes` to `buffer`; returns how many.
    @inline(__always)
    private static func keptCharacters(
        of bytes: some Sequence<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>
    )
        -> Int
    {
        var index = 0
        for byte in bytes where ASCII.isDigit(byte) || byte == UInt8(ascii: "+") {
            buffer[index] = byte
            index += 1
        }
        return index
    }
}
