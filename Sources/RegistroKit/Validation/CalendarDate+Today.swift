import Foundation

extension CalendarDate {
    /// The date of `now` (by default, now) in the machine's time zone.
    public static func today(at now: Date = Date()) -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
