import Foundation
import Testing

@testable import RegistroKit

/// Timestamps written with integer arithmetic must be exactly what Foundation's ISO 8601 formatter writes.
struct TimestampTests {
    /// Instants where calendars go wrong: around 1970, leap days, ends of months and years, centuries.
    private static let landmarks: [(year: Int, month: Int, day: Int)] = [
        (1583, 1, 1), (1600, 2, 29), (1700, 2, 28), (1700, 3, 1), (1899, 12, 31), (1900, 2, 28), (1900, 3, 1),
        (1969, 12, 31), (1970, 1, 1), (1972, 2, 29), (1999, 12, 31), (2000, 2, 29), (2000, 3, 1), (2024, 2, 29),
        (2026, 1, 31), (2026, 4, 30), (2026, 11, 22), (2038, 1, 19), (2100, 2, 28), (2100, 3, 1), (9999, 12, 31),
    ]

    /// Offsets within a second, both sides of a whole second.
    private static let fractions: [Double] = [0, 0.001, 0.25, 0.5, 0.999, 0.999_999]

    @Test func writesWhatFoundationWritesAroundLandmarkDays() {
        for landmark in Self.landmarks {
            let midnight =
                CalendarDate.daysSinceEpoch(year: landmark.year, month: landmark.month, day: landmark.day) * 86_400
            for second in [midnight - 1, midnight, midnight + 1, midnight + 43_199, midnight + 86_399] {
                for fraction in Self.fractions {
                    let date = Date(timeIntervalSince1970: Double(second) + fraction)
                    #expect(
                        Timestamp.format(date) == Timestamp.foundationFormat(date), "at \(Double(second) + fraction)")
                }
            }
        }
    }

    @Test func writesWhatFoundationWritesAtSpreadInstantsBeforeAndAfter1970() {
        var generator = SystemRandomNumberGenerator()
        let first = Double(CalendarDate.daysSinceEpoch(year: 1583, month: 1, day: 1) * 86_400)
        let end = Double(CalendarDate.daysSinceEpoch(year: 10_000, month: 1, day: 1) * 86_400)
        for _ in 0..<20_000 {
            let seconds = Double.random(in: first..<end, using: &generator).rounded(.down)
            let date = Date(timeIntervalSince1970: seconds + Double(Int.random(in: 0..<1000, using: &generator)) / 1000)
            #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "at \(date.timeIntervalSince1970)")
        }
    }

    @Test func writesEveryDayOfFourCenturiesAsFoundationDoes() {
        let start = CalendarDate.daysSinceEpoch(year: 1800, month: 1, day: 1)
        for day in start..<(start + 146_097) {
            let date = Date(timeIntervalSince1970: Double(day * 86_400 + 45_296))
            #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "on day \(day)")
        }
    }

    @Test func writesSecondsInUTCWithoutFraction() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_339_800.75)) == "2026-11-22T09:30:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test func leavesYearsBeforeTheGregorianCalendarToFoundation() {
        let date = Date(
            timeIntervalSince1970: Double(CalendarDate.daysSinceEpoch(year: 1500, month: 6, day: 1) * 86_400))
        #expect(Timestamp.format(date) == Timestamp.foundationFormat(date))
    }
}
