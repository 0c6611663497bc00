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
}
