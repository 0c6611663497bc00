import Foundation

/// UTC timestamps as the registry stores them: ISO 8601 with seconds, `2026-11-22T09:30:00Z`.
enum Timestamp {
    /// The current time as stored text.
    static func now() -> String {
        format(Date())
    }

    /// `date` as stored text: the whole seconds of `date`, fractions dropped.
    ///
    /// Written with integer arithmetic from the seconds since 1970 (every audited request stamps
    /// one, and Foundation's formatter with a fresh UTC time zone cost more than the rest of the
    /// stamp). Years Foundation's Gregorian calendar counts otherwise (before 1583, the Julian
    /// calendar) or that need more than four digits go through Foundation.
    static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= firstFastSecond, seconds < endFastSecond else { return foundationFormat(date) }
        let whole = Int(seconds)
        let (days, secondOfDay) = whole.quotientAndRemainderFlooring(by: 86_400)
        let (year, month, day) = CalendarDate.civilDate(daysSinceEpoch: days)
        return String(unsafeUninitializedCapacity: 20) { buffer in
            buffer.putISODate(year: year, month: month, day: day)
            buffer[10] = UInt8(ascii: "T")
            buffer.putDigits(secondOfDay / 3600, endingAt: 12, count: 2)
            buffer[13] = UInt8(ascii: ":")
            buffer.putDigits(secondOfDay / 60 % 60, endingAt: 15, count: 2)
            buffer[16] = UInt8(ascii: ":")
            buffer.putDigits(secondOfDay % 60, endingAt: 18, count: 2)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// `date` through Foundation's ISO 8601 formatter, in UTC.
    static func foundationFormat(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// 1583-01-01T00:00:00Z, the first second written without Foundation.
    private static let firstFastSecond = Double(CalendarDate.daysSinceEpoch(year: 1583, month: 1, day: 1) * 86_400)
    /// 10000-01-01T00:00:00Z, the first second after those written without Foundation.
    private static let endFastSecond = Double(CalendarDate.daysSinceEpoch(year: 10_000, month: 1, day: 1) * 86_400)
}

extension Int {
    /// The quotient rounded down and the remainder with the divisor's sign (never negative for a
    /// positive divisor).
    fileprivate func quotientAndRemainderFlooring(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
