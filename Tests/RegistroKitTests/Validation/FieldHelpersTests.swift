import RegistroKit
import Testing

@Suite struct HoursTests {
    @Test(arguments: [
        ("2", 2.0), ("1,5", 1.5), ("1.5", 1.5), ("0,25", 0.25), (" 12 ", 12.0), ("0", 0.0),
        ("1000", 1000.0),
    ])
    func readsCommaAndDotDecimals(_ text: String, _ hours: Double) throws {
        #expect(try Hours.parse(text) == hours)
    }

    @Test func rejectsWhatIsNotANumberOfHours() {
        #expect(problem { try Hours.parse("-1") }?.message == "hours cannot be negative")
        #expect(problem { try Hours.parse("1,255") }?.position == 5)
        #expect(problem { try Hours.parse("1.000,5") }?.position == 5)
        #expect(problem { try Hours.parse("2h") }?.position == 2)
        #expect(problem { try Hours.parse(",5") }?.position == 1)
        #expect(problem { try Hours.parse("3,") }?.position == 2)
        #expect(problem { try Hours.parse("1 5") }?.position == 2)
        #expect(problem { try Hours.parse("") }?.message.hasPrefix("is empty") == true)
        #expect(problem { try Hours.parse("1000,5") }?.message.hasPrefix("hours should be at most 1000") == true)
        #expect(problem { try Hours.parse("99999999999999999999") } != nil)
    }
}

@Suite struct ImpactTests {
    @Test(arguments: [("1", 1), ("7", 7), ("10", 10), (" 8 ", 8), ("7/10", 7), ("07", 7)])
    func readsAWholeNumberFromOneToTen(_ text: String, _ impact: Int) throws {
        #expect(try Impact.parse(text) == impact)
    }

    @Test(arguments: ["0", "11", "7,5", "-3", "", "sette", "7/5", "/10", "100"])
    func rejectsAnythingElse(_ text: String) {
        #expect(problem { try Impact.parse(text) } != nil)
    }
}

@Suite struct EmailTests {
    @Test(arguments: ["mario.rossi@posta.it", " a.b+tag@sub.dominio.it ", "giò@caffè.it"])
    func acceptsPlausibleAddresses(_ text: String) throws {
        #expect(try Email.validated(text) == text.trimmingSpaces)
    }

    @Test func namesTheMistake() {
        #expect(problem { try Email.validated("mario.rossi.posta.it") }?.message.hasPrefix("has no @") == true)
        #expect(problem { try Email.validated("mario@@posta.it") }?.position == 7)
        #expect(problem { try Email.validated("@posta.it") }?.message.hasPrefix("has nothing before the @") == true)
        #expect(problem { try Email.validated("mario@") }?.message.hasPrefix("has nothing after the @") == true)
        #expect(problem { try Email.validated("mario@posta") }?.position == 7)
        #expect(problem { try Email.validated("mario@posta..it") }?.position == 13)
        #expect(problem { try Email.validated("mario@.posta.it") }?.position == 7)
        #expect(problem { try Email.validated("mario@posta.it.") }?.position == 15)
        #expect(problem { try Email.validated("mario rossi@posta.it") }?.position == 6)
        #expect(problem { try Email.validated("Mario <mario@posta.it>") }?.position == 6)
        #expect(problem { try Email.validated("a;b@posta.it") }?.position == 2)
        let long = String(repeating: "a", count: 250) + "@x.it"
        #expect(problem { try Email.validated(long) }?.message.hasPrefix("has 255 characters") == true)
    }
}

@Suite struct PhoneTests {
    @Test(arguments: [
        ("+39 0131 123456", "+390131123456"), ("0131-123456", "0131123456"), ("333.123.4567", "3331234567"),
        ("(0141) 12 34 56", "0141123456"), ("3331234567", "3331234567"),
        ("0039 333 1234567", "00393331234567"),
    ])
    func keepsThePlusAndTheDigits(_ text: String, _ normalised: String) throws {
        #expect(try Phone.validated(text) == normalised)
    }

    @Test func namesTheMistake() {
        #expect(problem { try Phone.validated("333 12a4567") }?.position == 7)
        #expect(problem { try Phone.validated("39+3331234567") }?.position == 3)
        #expect(problem { try Phone.validated("12345") }?.message.hasPrefix("has 5 digits") == true)
        #expect(problem { try Phone.validated("+39 1234567890123456") }?.message.hasPrefix("has 18 digits") == true)
        #expect(problem { try Phone.validated("") }?.message.hasPrefix("is empty") == true)
    }
}

@Suite struct TextLimitTests {
    @Test func trimsAndKeepsTextWithinTheLimit() throws {
        #expect(try TextLimit.checked("  Via Roma 1\n", limit: TextLimit.address) == "Via Roma 1")
        #expect(try TextLimit.checked(String(repeating: "à", count: 100), limit: TextLimit.name).count == 100)
    }

    @Test func rejectsTextPastTheLimitNamingIt() {
        let problem = problem { try TextLimit.checked(String(repeating: "x", count: 65), limit: TextLimit.reference) }
        #expect(problem?.message == "is longer than the limit of 64 characters; shorten it")
        #expect(problem?.position == 65)
    }
}
