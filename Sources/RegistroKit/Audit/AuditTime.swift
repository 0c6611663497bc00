import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The times of audit entries: UTC, ISO 8601 with milliseconds, always 24 characters
/// (`2026-11-22T09:30:00.123Z`), so that text order is time order.
enum AuditTime {
    /// The current time.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
    }

    /// The time `seconds` after the epoch plus `milliseconds`.
    static func format(seconds: Int, milliseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = [UInt8]()
        text.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int, then separator: Character) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            text.append(separator.asciiValue!)
        }
        digits(Int(parts.tm_year) + 1900, 4, then: "-")
        digits(Int(parts.tm_mon) + 1, 2, then: "-")
        digits(Int(parts.tm_mday), 2, then: "T")
        digits(Int(parts.tm_hour), 2, then: ":")
        digits(Int(parts.tm_min), 2, then: ":")
        digits(Int(parts.tm_sec), 2, then: ".")
        digits(milliseconds, 3, then: "Z")
        return String(decoding: text, as: UTF8.self)
    }

    /// The first instant of `date` as a day of `zone`, in the entries' UTC format: an inclusive
    /// lower bound for `--since`.
    static func start(of date: CalendarDate, in zone: TimeZone) -> String {
        let (start, _) = bounds(of: date, in: zone)
        return format(seconds: start, milliseconds: 0)
    }

    /// The last instant (millisecond) of `date` as a day of `zone`, in the entries' UTC format:
    /// an inclusive upper bound for `--until`.
    static func end(of date: CalendarDate, in zone: TimeZone) -> String {
        let (_, next) = bounds(of: date, in: zone)
        return format(seconds: next - 1, milliseconds: 999)
    }

    /// The seconds after the epoch at which `date` starts in `zone`, and at which the day after
    /// it starts (23 or 25 hours later on the days the clocks change).
    private static func bounds(of date: CalendarDate, in zone: TimeZone) -> (start: Int, next: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let midnight = DateComponents(year: date.year, month: date.month, day: date.day)
        // Every day of the Gregorian calendar has a start in every zone.
        let start = calendar.date(from: midnight)!
        let next = calendar.date(byAdding: .day, value: 1, to: start)!
        return (Int(start.timeIntervalSince1970), Int(next.timeIntervalSince1970))
    }
}
