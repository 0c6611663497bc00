/// The hours a service delivery took: a non-negative decimal number, written as Italian
/// spreadsheets write it (`1,5`) or with a dot (`1.5`).
public enum Hours {
    /// The most hours one delivery may record; longer services are recorded as several
    /// deliveries, and a larger number is more likely a typing error.
    public static let maximum = 1000

    /// Reads a number of hours: digits, optionally followed by a comma or a dot and one or two
    /// decimals (`2`, `1,5`, `0.25`). Surrounding spaces are ignored; thousands separators,
    /// signs and units are not accepted.
    /// - Parameter text: the hours as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the character at fault.
    public static func parse(_ text: String) throws(FieldProblem) -> Double {
        var whole = 0
        var wholeDigits = 0
        var decimals = 0
        var decimalDigits = 0
        var separatorAt = 0
        let count = try TrimmedScan.characters(of: text) { byte, position throws(FieldProblem) in
            if ASCII.isDigit(byte) {
                let digit = Int(byte - UInt8(ascii: "0"))
                if separatorAt == 0 {
                    wholeDigits += 1
                    whole = min(whole * 10 + digit, maximum + 1)
                } else {
                    decimalDigits += 1
                    guard decimalDigits <= 2 else {
                        throw FieldProblem(
                            "character \(position) is a third decimal; write hours with at most "
                                + "two decimals, such as 1,25",
                            position: position, key: .unreadableHours)
                    }
                    decimals = decimals * 10 + digit
                }
            } else if (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")) && separatorAt == 0
                && wholeDigits > 0
            {
                separatorAt = position
            } else if byte == UInt8(ascii: "-") && position == 1 {
                throw FieldProblem("hours cannot be negative", position: 1, key: .unreadableHours)
            } else {
                throw FieldProblem(
                    "character \(position) should be a digit, or a comma or dot before the "
                        + "decimals; write hours such as 2 or 1,5",
                    position: position, key: .unreadableHours)
            }
        }
        guard count > 0 else { throw FieldProblem("is empty; write hours such as 2 or 1,5", key: .empty) }
        guard separatorAt == 0 || decimalDigits > 0 else {
            throw FieldProblem(
                "character \(separatorAt) should be followed by decimals; write hours such as 1,5",
                position: separatorAt, key: .unreadableHours)
        }
        let hours = Double(whole) + Double(decimals) / (decimalDigits == 1 ? 10 : 100)
        guard hours <= Double(maximum) else {
            throw FieldProblem(
                "hours should be at most \(maximum) for one delivery; "
                    + "record a longer service as several deliveries", key: .tooManyHours(maximum: maximum))
        }
        return hours
    }
}
