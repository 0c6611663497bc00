import RegistroKit
import Testing

@Suite struct CalendarDateTests {
    @Test func readsIsoAndItalianForms() throws {
        #expect(try CalendarDate.parse("2021-03-05") == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(try CalendarDate.parse("05/03/2021") == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(try CalendarDate.parse("5/3/2021") == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(try CalendarDate.parse(" 2021-3-5\t") == CalendarDate(year: 2021, month: 3, day: 5))
    }

    @Test func printsInIsoForm() throws {
        #expect(try CalendarDate.parse("5/3/2021").description == "2021-03-05")
        #expect(CalendarDate(year: 1999, month: 12, day: 31)?.description == "1999-12-31")
    }

    @Test func knowsTheGregorianLeapYears() {
        #expect(CalendarDate.isLeapYear(2000))
        #expect(CalendarDate.isLeapYear(2024))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(!CalendarDate.isLeapYear(2100))
        #expect(!CalendarDate.isLeapYear(2023))
    }

    @Test(arguments: ["2000-02-29", "29/02/2024", "1904-02-29"])
    func accepts29FebruaryOfLeapYears(_ text: String) throws {
        #expect(try CalendarDate.parse(text).day == 29)
    }

    @Test(arguments: [
        ("2021-02-30", 9), ("30/02/2021", 1), ("1900-02-29", 9), ("29/2/2023", 1),
        ("2021-04-31", 9), ("31/11/2020", 1),
    ])
    func rejectsDaysTheMonthDoesNotHave(_ text: String, _ dayPosition: Int) {
        let problem = problem(date: text)
        #expect(problem?.position == dayPosition)
        let leapDay = text.hasPrefix("29/2") || text.hasSuffix("02-29")
        #expect(
            problem?.message.hasPrefix(
                leapDay ? "29 February exists only in leap years" : "the month has fewer days than that") == true)
    }

    @Test func namesThePartThatIsOutOfRange() {
        #expect(problem(date: "2021-13-01")?.message.hasPrefix("the month should be between 1 and 12") == true)
        #expect(problem(date: "2021-13-01")?.position == 6)
        #expect(problem(date: "01/00/2021")?.position == 4)
        #expect(problem(date: "2021-01-32")?.message.hasPrefix("the day should be between 1 and 31") == true)
        #expect(problem(date: "00/01/2021")?.position == 1)
        #expect(problem(date: "1899-12-31")?.message.hasPrefix("the year should be between 1900 and 2100") == true)
        #expect(problem(date: "01/01/2101")?.position == 7)
    }

    @Test func rejectsOtherShapesWithThePositionAtFault() {
        #expect(problem(date: "05/03/21")?.message.hasPrefix("the year should have four digits") == true)
        #expect(problem(date: "2021-03-05 10:00")?.position == 11)
        #expect(problem(date: "05/03-2021")?.position == 6)
        #expect(problem(date: "2021.03.05")?.position == 5)
        #expect(problem(date: "44197")?.message.hasPrefix("is not a complete date") == true)
        #expect(problem(date: "2021-03")?.message.hasPrefix("is not a complete date") == true)
        #expect(problem(date: "2021-003-05")?.position == 6)
        #expect(problem(date: "")?.message.hasPrefix("is empty") == true)
        #expect(problem(date: "   ")?.message.hasPrefix("is empty") == true)
        #expect(problem(date: "5 marzo 2021")?.position == 2)
    }

    @Test func failableInitializerRejectsImpossibleDates() {
        #expect(CalendarDate(year: 2021, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2021, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2021, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 1899, month: 12, day: 31) == nil)
        #expect(CalendarDate(year: 2101, month: 1, day: 1) == nil)
    }

    @Test func comparesInCalendarOrder() throws {
        let dates = try ["2020-12-31", "2021-01-01", "2020-01-31", "2020-02-01"].map(CalendarDate.parse)
        #expect(dates.sorted().map(\.description) == ["2020-01-31", "2020-02-01", "2020-12-31", "2021-01-01"])
        #expect(Set(try ["2021-03-05", "05/03/2021"].map(CalendarDate.parse)).count == 1)
    }
}
