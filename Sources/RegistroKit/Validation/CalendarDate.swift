/// A day of the Gregorian calendar, without time or time zone: a birth date, the date of a
/// service delivery.
///
/// Only real days between 1 January ``earliestYear`` and 31 December ``latestYear`` exist as
/// values: the range covers the birth dates of living people and the dates of any delivery the
/// registry records, and makes a mistyped year (`0221`, `20211`) an error instead of a date.
/// Dates compare in calendar order and print in ISO 8601 form, `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first year a date may have.
    public static let earliestYear = 1900
    /// The last year a date may have.
    public static let latestYear = 2100

    /// The year, ``earliestYear`` through ``latestYear``.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1 through the month's length.
    public let day: Int

    /// The date with these parts, or `nil` when there is no such day (30 February, month 13)
    /// or the year is outside ``earliestYear``–``latestYear``.
    public init?(year: Int, month: Int, day: Int) {
        guard (Self.earliestYear...Self.latestYear).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` is a leap year of the Gregorian calendar: divisible by 4, and not by 100
    /// unless by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1–12) of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date in ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        // Ten ASCII bytes: a string stored inline, its digits written in place.
        String(unsafeUninitializedCapacity: 10) { text in
            text.putISODate(year: year, month: month, day: day)
            return 10
        }
    }

    /// Whether `lhs` is an earlier day than `rhs`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
