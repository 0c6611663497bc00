extension CalendarDate {
    /// Reads a date written in ISO form, `YYYY-MM-DD`, or Italian form, `DD/MM/YYYY`.
    ///
    /// Surrounding spaces are ignored. In both forms the day and month may have one or two
    /// digits (`2021-3-5`, `5/3/2021`); the year must have four. Nothing else is accepted: no
    /// time of day, no two-digit years, no spreadsheet serial numbers.
    /// - Parameter text: the date as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the part that is wrong (the year, the month or the day)
    ///   and where it starts, without repeating the value.
    public static func parse(_ text: String) throws(FieldProblem) -> CalendarDate {
        var parts = DateParts()
        let count = try TrimmedScan.characters(of: text) { byte, position throws(FieldProblem) in
            if ASCII.isDigit(byte) {
                parts.appendDigit(Int(byte - UInt8(ascii: "0")), at: position)
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") {
                try parts.appendSeparator(byte, at: position)
            } else {
                throw unexpected(at: position)
            }
        }
        guard count > 0 else { throw FieldProblem("is empty; \(formats)", key: .empty) }
        return try parts.date()
    }

    /// The accepted forms, for messages.
    static let formats = "write a date as YYYY-MM-DD or DD/MM/YYYY"

    /// The problem of a character that cannot be part of a date.
    static func unexpected(at position: Int) -> FieldProblem {
        FieldProblem(
            "character \(position) cannot be part of a date; \(formats)", position: position, key: .unreadableDate)
    }
}

/// The numbers and separators of a date being read, in the order written.
private struct DateParts {
    /// One number of the date: its value, how many digits it has and where it starts.
    struct Part {
        var value = 0
        var digits = 0
        var start = 0
    }

    // Three stored parts rather than an array, so that reading a date allocates nothing.
    private var first = Part()
    private var second = Part()
    private var third = Part()
    private var index = 0
    private var separator: UInt8 = 0

    private subscript(index: Int) -> Part {
        get { index == 0 ? first : index == 1 ? second : third }
        set {
            switch index {
            case 0: first = newValue
            case 1: second = newValue
            default: third = newValue
            }
        }
    }

    mutating func appendDigit(_ digit: Int, at position: Int) {
        var part = self[index]
        if part.digits == 0 { part.start = position }
        part.digits += 1
        part.value = min(part.value * 10 + digit, 99_999)  // digits past 4 are reported later
        self[index] = part
    }

    mutating func appendSeparator(_ byte: UInt8, at position: Int) throws(FieldProblem) {
        guard index < 2, self[index].digits > 0, separator == 0 || separator == byte else {
            throw CalendarDate.unexpected(at: position)
        }
        separator = byte
        index += 1
    }

    /// The date, once every character has been read.
    func date() throws(FieldProblem) -> CalendarDate {
        guard index == 2, third.digits > 0 else {
            throw FieldProblem("is not a complete date; \(CalendarDate.formats)", key: .unreadableDate)
        }
        let iso = separator == UInt8(ascii: "-")
        let (year, month, day) = iso ? (first, second, third) : (third, second, first)
        guard year.digits == 4 else {
            throw FieldProblem(
                "the year should have four digits; \(CalendarDate.formats)", position: year.start, key: .unreadableDate)
        }
        guard month.digits <= 2 else {
            throw FieldProblem(
                "the month should have one or two digits; \(CalendarDate.formats)", position: month.start,
                key: .unreadableDate)
        }
        guard day.digits <= 2 else {
            throw FieldProblem(
                "the day should have one or two digits; \(CalendarDate.formats)", position: day.start,
                key: .unreadableDate)
        }
        guard (CalendarDate.earliestYear...CalendarDate.latestYear).contains(year.value) else {
            throw FieldProblem(
                "the year should be between \(CalendarDate.earliestYear) and \(CalendarDate.latestYear)",
                position: year.start)
        }
        guard (1...12).contains(month.value) else {
            throw FieldProblem("the month should be between 1 and 12", position: month.start, key: .unreadableDate)
        }
        guard (1...31).contains(day.value) else {
            throw FieldProblem("the day should be between 1 and 31", position: day.start, key: .unreadableDate)
        }
        guard let date = CalendarDate(year: year.value, month: month.value, day: day.value) else {
            // The problem names no part of the date: a birth date is personal.
            throw FieldProblem(
                month.value == 2 && day.value == 29
                    ? "29 February exists only in leap years; check the day and the year"
                    : "the month has fewer days than that; check the day and the month",
                position: day.start, key: month.value == 2 && day.value == 29 ? .notLeapYear : .dayNotInMonth)
        }
        return date
    }
}
