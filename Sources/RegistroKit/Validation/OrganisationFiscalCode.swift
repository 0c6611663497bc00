/// The fiscal code of an organisation (a legal entity, an association, a public body): 11 digits
/// whose last is a check digit, computed as for a partita IVA.
///
/// The check digit is the Luhn digit of the first ten: digits in odd positions (1st, 3rd, …)
/// count as they are; digits in even positions are doubled, less 9 when the double exceeds 9;
/// the check digit brings the sum to a multiple of 10. Codes beginning with `8` or `9`, which the
/// Agenzia delle Entrate gives to associations and other bodies without a partita IVA, follow
/// the same rule.
///
/// Validation trims the text and removes the spaces inside it; it also accepts a leading `IT`,
/// as partite IVA are often copied from invoices with their country prefix.
public enum OrganisationFiscalCode {
    /// The normalised form of `text`: its 11 digits.
    /// - Parameter text: the code as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the first character at fault and how to fix it.
    public static func validated(_ text: String) throws(FieldProblem) -> String {
        let code = CompactCode(text)
        let prefixed =
            code.count == 13 && code.firstNonASCII == nil
            && code[0] == UInt8(ascii: "I") && code[1] == UInt8(ascii: "T")
        let offset = prefixed ? 2 : 0
        guard code.count - offset == 11 else { throw lengthProblem(code.count) }
        if let position = code.firstNonASCII {
            throw FieldProblem("character \(position) should be a digit 0–9", position: position)
        }
        var sum = 0
        var allZero = true
        for index in 0..<11 {
            let byte = code[index + offset]
            guard ASCII.isDigit(byte) else {
                throw FieldProblem(
                    "character \(index + offset + 1) should be a digit 0–9", position: index + offset + 1)
            }
            let digit = Int(byte - UInt8(ascii: "0"))
            allZero = allZero && digit == 0
            if index == 10 { break }
            let weighted = index % 2 == 0 ? digit : digit * 2
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        guard !allZero else {
            throw FieldProblem("is all zeros, which is not an assigned fiscal code")
        }
        let check = Int(code[offset + 10] - UInt8(ascii: "0"))
        guard (sum + check) % 10 == 0 else {
            throw FieldProblem(
                "character \(offset + 11) should be the check digit computed from the 10 digits "
                    + "before it; check every digit for a typing error",
                position: offset + 11)
        }
        return code.differsFromInput || prefixed ? code.string(from: offset) : text
    }

    /// The problem of a code with `count` characters.
    private static func lengthProblem(_ count: Int) -> FieldProblem {
        switch count {
        case 0:
            return FieldProblem("is empty; the fiscal code of an organisation has 11 digits")
        case 16:
            return FieldProblem(
                "has 16 characters; the fiscal code of an organisation has 11 digits "
                    + "(16 characters is the codice fiscale of a person)")
        default:
            return FieldProblem(
                "has \(count) characters; the fiscal code of an organisation has 11 digits "
                    + "(spaces are ignored): check for missing or extra digits")
        }
    }
}
