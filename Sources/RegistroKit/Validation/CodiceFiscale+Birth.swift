extension CodiceFiscale {
    /// The sex a codice fiscale encodes: the day of birth is increased by 40 for women.
    public enum Sex: String, Sendable, CaseIterable {
        /// Day of birth written 41–71.
        case female = "F"
        /// Day of birth written 01–31.
        case male = "M"
    }

    /// The sex the code encodes, which the registry may compare with the recorded one.
    public var sex: Sex {
        encodedDay > 40 ? .female : .male
    }

    /// The last two digits of the year of birth (0–99), with omocodia letters decoded.
    ///
    /// The code does not say the century: see ``birthDate(inCenturyStarting:)``.
    public var birthYearInCentury: Int {
        digit(at: 6) * 10 + digit(at: 7)
    }

    /// The month of birth, 1–12.
    public var birthMonth: Int {
        Self.month(byte(at: 8)) ?? 1
    }

    /// The day of birth, 1–31, without the 40 added for women.
    public var birthDay: Int {
        encodedDay > 40 ? encodedDay - 40 : encodedDay
    }

    /// Whether the code is an omocodic variant: at least one of its digit positions holds a
    /// letter.
    public var isOmocodic: Bool {
        !ASCII.isDigit(byte(at: 14))
    }

    /// The birth date the code encodes, placed in the century starting at `centuryStart`.
    ///
    /// The code keeps only two digits of the year, so the caller chooses the century, for
    /// example the one that makes the person's age plausible.
    /// - Parameter centuryStart: the first year of the century, such as 1900 or 2000.
    /// - Returns: the date, or `nil` when it does not exist in that century (29 February of a
    ///   year that is not a leap year there) or falls outside ``CalendarDate``'s range.
    public func birthDate(inCenturyStarting centuryStart: Int) -> CalendarDate? {
        CalendarDate(year: centuryStart + birthYearInCentury, month: birthMonth, day: birthDay)
    }

    /// Whether `date` agrees with the birth date the code encodes, in any century.
    public func isConsistent(withBirthDate date: CalendarDate) -> Bool {
        date.year % 100 == birthYearInCentury && date.month == birthMonth && date.day == birthDay
    }

    /// The day field (positions 10–11) as written, 1–31 or 41–71.
    private var encodedDay: Int {
        digit(at: 9) * 10 + digit(at: 10)
    }

    /// The value of the digit or omocodia letter at 0-based `index` of a valid code.
    private func digit(at index: Int) -> Int {
        Self.digitValue(byte(at: index)) ?? 0
    }

    /// The byte at 0-based `index` of the normalised code.
    private func byte(at index: Int) -> UInt8 {
        // Read in place when the string holds its bytes contiguously, not by walking its indices.
        value.utf8.withContiguousStorageIfAvailable { $0[index] }
            ?? value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: index)]
    }
}
