import Foundation
import RegistroOutput
import Testing

/// Moments recorded in UTC, shown `DD/MM/YYYY HH:MM` in the display time zone.
@Suite struct DisplayTimeTests {
    static func zone(_ identifier: String) throws -> DisplayTime {
        DisplayTime(zone: try #require(TimeZone(identifier: identifier)))
    }

    @Test func aMomentIsShownInTheZoneWithSummerTime() throws {
        let rome = try Self.zone("Europe/Rome")
        #expect(rome.text(iso: "2026-11-22T09:30:00.123Z") == "22/11/2026 10:30")
        #expect(rome.text(iso: "2026-07-01T22:15:00Z") == "02/07/2026 00:15")
        #expect(rome.text(iso: "2026-03-29T00:59:59.999Z") == "29/03/2026 01:59")
        #expect(rome.text(iso: "2026-03-29T01:00:00.000Z") == "29/03/2026 03:00")
        let utc = try Self.zone("UTC")
        #expect(utc.text(iso: "2026-11-22T09:30:00.123Z") == "22/11/2026 09:30")
        #expect(utc.text(iso: "2026-12-31T23:59:00Z") == "31/12/2026 23:59")
    }

    @Test func whatIsNotAMomentIsLeftAsItIs() throws {
        let rome = try Self.zone("Europe/Rome")
        for text in ["t2", "", "2026-11-22", "2026-13-01T10:00:00Z", "2026-11-22T25:00:00Z", "2026-11-22 10:00"] {
            #expect(rome.text(iso: text) == text)
        }
    }

    @Test func theZoneIsNamedAsPeopleReadItAndTheCatalogueSaysItOnce() throws {
        #expect(try Self.zone("UTC").zoneName == "UTC")
        #expect(try Self.zone("GMT").zoneName == "UTC")
        #expect(try Self.zone("Europe/Rome").zoneName == "Europe/Rome")
        let rome = try Self.zone("Europe/Rome")
        #expect(Catalogue.of(.italian).timeZoneNote(rome) == "Orari nel fuso orario Europe/Rome.")
        #expect(Catalogue.of(.english).timeZoneNote(rome) == "Times in the Europe/Rome time zone.")
        #expect(Catalogue.of(.italian).time("2026-11-22T09:30:00.123Z", in: rome) == "22/11/2026 10:30")
        #expect(Catalogue.of(.italian).date("2026-11-22") == "22/11/2026")
        #expect(rome.clock(Date(timeIntervalSince1970: 0)) == "01:00")
        #expect(rome.text(Date(timeIntervalSince1970: 0)) == "01/01/1970 01:00")
    }

    @Test(
        "a moment's day is the display zone's: in Rome, half past midnight is the next day's, half past eleven the same"
    )
    func aMomentsDayIsTheDisplayZones() throws {
        let rome = try Self.zone("Europe/Rome")
        #expect(rome.day(iso: "2026-11-28T23:30:00.000Z") == "29/11/2026", "00:30 in Rome")
        #expect(rome.day(iso: "2026-11-28T22:30:00.000Z") == "28/11/2026", "23:30 in Rome")
        #expect(rome.day(iso: "2026-06-30T22:00:00.000Z") == "01/07/2026", "midnight in summer time")
        #expect(rome.day(iso: "2026-06-30T21:59:59.999Z") == "30/06/2026")
        #expect(try Self.zone("UTC").day(iso: "2026-11-28T23:30:00.000Z") == "28/11/2026")
        #expect(rome.day(iso: "2026-11-28") == "2026-11-28", "not a moment: left as it is")
    }
}
