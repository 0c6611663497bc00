/// The operator's rating of a delivery's impact on the person, a whole number from 1 to 10, as
/// in the network's monitoring sheets ("valore 7/10").
public enum Impact {
    /// The lowest rating.
    public static let minimum = 1
    /// The highest rating.
    public static let maximum = 10

    /// Reads a rating: a whole number from 1 to 10, optionally written out of ten (`7/10`).
    /// Surrounding spaces are ignored.
    /// - Parameter text: the rating as typed or imported.
    /// - Throws: a ``FieldProblem`` when the text is not a whole number from 1 to 10.
    public static func parse(_ text: String) throws(FieldProblem) -> Int {
        var value = 0
        var digits = 0
        var denominator = 0
        var slashAt = 0
        let count = try TrimmedScan.characters(of: text) { byte, position throws(FieldProblem) in
            if ASCII.isDigit(byte) {
                let digit = Int(byte - UInt8(ascii: "0"))
                if slashAt == 0 {
                    digits += 1
                    value = min(value * 10 + digit, maximum + 1)
                } else {
                    denominator = min(denominator * 10 + digit, maximum + 1)
                }
            } else if byte == UInt8(ascii: "/") && slashAt == 0 && digits > 0 {
                slashAt = position
            } else {
                throw FieldProblem(
                    "character \(position) should be a digit; \(rule)", position: position)
            }
        }
        guard count > 0 else { throw FieldProblem("is empty; \(rule)") }
        guard slashAt == 0 || denominator == maximum else {
            throw FieldProblem("a rating may only be written out of 10; \(rule)", position: slashAt + 1)
        }
        guard (minimum...maximum).contains(value) else { throw FieldProblem(rule) }
        return value
    }

    private static let rule = "the impact should be a whole number from 1 to 10"
}
