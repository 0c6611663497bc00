extension CodiceFiscale {
    /// Checks a compacted code: length, characters, omocodia order, month, day and check
    /// character, in reading order, so the first problem reported is the leftmost.
    static func check(_ code: CompactCode) throws(FieldProblem) {
        guard code.count == 16 else { throw lengthProblem(code.count) }
        if let position = code.firstNonASCII {
            throw FieldProblem(
                expectation(at: position - 1), position: position, key: .codiceFiscaleCharacter(position: position))
        }
        var substituted = false
        for index in 0..<15 {
            let byte = code[index]
            switch index {
            case 6, 7, 9, 10, 12, 13, 14:
                if ASCII.isDigit(byte) {
                    if substituted { throw omocodiaOrderProblem(at: index) }
                } else if omocodiaLetters.contains(byte) {
                    substituted = true
                } else {
                    throw FieldProblem(
                        expectation(at: index), position: index + 1, key: .codiceFiscaleCharacter(position: index + 1))
                }
            case 8:
                guard month(byte) != nil else {
                    throw FieldProblem(
                        expectation(at: index), position: index + 1, key: .codiceFiscaleCharacter(position: index + 1))
                }
            default:
                guard ASCII.isUpper(byte) else {
                    throw FieldProblem(
                        expectation(at: index), position: index + 1, key: .codiceFiscaleCharacter(position: index + 1))
                }
            }
        }
        try checkDay(code)
        let last = code[15]
        guard ASCII.isUpper(last) else {
            throw FieldProblem(
                expectation(at: 15), position: 16, key: .codiceFiscaleCharacter(position: 16))
        }
        guard last == checkCharacter(code) else {
            throw FieldProblem(
                "character 16 should be the check character computed from the first 15; "
                    + "check every character for a typing error",
                position: 16, key: .codiceFiscaleCheckCharacter)
        }
    }

    /// The check character of the first 15 bytes of `code`, by the official tables: characters
    /// in odd positions (1st, 3rd, …) take the odd-position values, the others count as their
    /// digit or their letter's index from `A` = 0; the sum modulo 26 is the letter.
    static func checkCharacter(_ code: CompactCode) -> UInt8 {
        var sum = 0
        for index in 0..<15 {
            let byte = code[index]
            let rank = ASCII.isDigit(byte) ? Int(byte - UInt8(ascii: "0")) : Int(byte - UInt8(ascii: "A"))
            sum += index % 2 == 0 ? oddPositionValues[rank] : rank
        }
        return UInt8(ascii: "A") + UInt8(sum % 26)
    }

    /// The value of a character in an odd position, by its digit or letter rank (`0` and `A`
    /// are rank 0, `9` and `J` rank 9, `Z` rank 25).
    private static let oddPositionValues = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    /// Checks that the day (positions 10–11) is 01–31 or 41–71 and exists in the month of
    /// position 9, allowing 29 February whenever the two-digit year can be a leap year.
    private static func checkDay(_ code: CompactCode) throws(FieldProblem) {
        // Both positions were checked above, so they decode.
        let encodedDay = (digitValue(code[9]) ?? 0) * 10 + (digitValue(code[10]) ?? 0)
        let day = encodedDay > 40 ? encodedDay - 40 : encodedDay
        guard (1...31).contains(day) else {
            throw FieldProblem(
                "characters 10–11 should be the day of birth, 01–31 for men or 41–71 for women "
                    + "(the day plus 40); check the birth date and sex",
                position: 10)
        }
        let yearOfCentury = (digitValue(code[6]) ?? 0) * 10 + (digitValue(code[7]) ?? 0)
        let month = month(code[8]) ?? 1
        // Any year ending in a multiple of 4 may be a leap year (2000 was), so allow 29 February.
        let longest = CalendarDate.daysIn(month: month, year: 2000 + yearOfCentury)
        guard day <= longest else {
            throw FieldProblem(
                "characters 10–11 give a day that the month of character 9 does not have; "
                    + "check the birth date",
                position: 10)
        }
    }

    /// What the character at 0-based `index` should be.
    private static func expectation(at index: Int) -> String {
        let position = index + 1
        switch index {
        case 0..<6:
            return "character \(position) should be a letter A–Z "
                + "(characters 1–6 come from the family and given names)"
        case 6, 7:
            return "character \(position) should be a digit of the year of birth "
                + "(or an omocodia letter L M N P Q R S T U V)"
        case 8:
            return "character 9 should be a month letter: "
                + "A B C D E H L M P R S T for January to December"
        case 9, 10:
            return "character \(position) should be a digit of the day of birth "
                + "(or an omocodia letter L M N P Q R S T U V)"
        case 11:
            return "character 12 should be a letter A–Z, the first character of the place-of-birth code"
        case 12, 13, 14:
            return "character \(position) should be a digit of the place-of-birth code "
                + "(or an omocodia letter L M N P Q R S T U V)"
        default:
            return "character 16 should be the check character, a letter A–Z"
        }
    }

    /// The problem of a code whose digit at 0-based `index` follows an omocodia letter.
    private static func omocodiaOrderProblem(at index: Int) -> FieldProblem {
        FieldProblem(
            "character \(index + 1) is a digit to the right of an omocodia letter, but the "
                + "Agenzia delle Entrate replaces digits from the right; check for a typing error",
            position: index + 1)
    }

    /// The problem of a code with `count` characters.
    private static func lengthProblem(_ count: Int) -> FieldProblem {
        switch count {
        case 0:
            return FieldProblem("is empty; a codice fiscale of a person has 16 characters", key: .empty)
        case 11:
            return FieldProblem(
                "has 11 characters; a codice fiscale of a person has 16 "
                    + "(11 digits is the fiscal code of an organisation)", key: .codiceFiscaleLength(11))
        default:
            return FieldProblem(
                "has \(count) characters; a codice fiscale of a person has 16 "
                    + "(spaces are ignored): check for missing or extra characters", key: .codiceFiscaleLength(count))
        }
    }
}
