import RegistroKit
import Testing

@Suite struct CodiceFiscaleTests {
    @Test(arguments: PublishedExample.all)
    func acceptsPublishedExamples(_ example: PublishedExample) throws {
        #expect(try CodiceFiscale.normalised(example.code) == example.code)
    }

    @Test(arguments: PublishedExample.all)
    func decodesSexAndBirthDateOfPublishedExamples(_ example: PublishedExample) throws {
        let code = try CodiceFiscale(example.code)
        #expect(code.sex == example.sex)
        #expect(code.birthYearInCentury == example.birth.year % 100)
        #expect(code.birthMonth == example.birth.month)
        #expect(code.birthDay == example.birth.day)
        let birthDate = try #require(
            CalendarDate(year: example.birth.year, month: example.birth.month, day: example.birth.day))
        #expect(code.birthDate(inCenturyStarting: example.birth.year / 100 * 100) == birthDate)
        #expect(code.isConsistent(withBirthDate: birthDate))
        #expect(!code.isOmocodic)
    }

    @Test func leavesTheCenturyToTheCaller() throws {
        let code = try CodiceFiscale("MRTMTT25D09F205Z")
        #expect(code.birthDate(inCenturyStarting: 1900)?.description == "1925-04-09")
        #expect(code.birthDate(inCenturyStarting: 2000)?.description == "2025-04-09")
        #expect(code.isConsistent(withBirthDate: CalendarDate(year: 2025, month: 4, day: 9)!))
        #expect(!code.isConsistent(withBirthDate: CalendarDate(year: 1925, month: 4, day: 10)!))
    }

    @Test func normalisationTrimsRemovesInnerSpacesAndUppercases() throws {
        #expect(try CodiceFiscale.normalised("  rss mra 85t10 a562s\t") == "RSSMRA85T10A562S")
        #expect(try CodiceFiscale.normalised("RSSMRA85T10A562S\u{00A0}") == "RSSMRA85T10A562S")
        #expect(try CodiceFiscale.normalised("mrtmtt25d09f205z") == "MRTMTT25D09F205Z")
    }

    @Test func normalisationKeepsOmocodiaLettersBecauseTheyNameAnotherPerson() throws {
        let variant = try CodiceFiscale.normalised("cccfba85d03l21ve")
        #expect(variant == "CCCFBA85D03L21VE")
        #expect(variant != "CCCFBA85D03L219P")
    }

    @Test(arguments: PublishedExample.caccamoVariants)
    func acceptsPublishedOmocodicVariants(_ variant: String) throws {
        let code = try CodiceFiscale(variant)
        #expect(code.isOmocodic)
        #expect(code.sex == .male)
        #expect(code.birthDate(inCenturyStarting: 1900)?.description == "1985-04-03")
    }

    @Test(arguments: 1...7)
    func everyOmocodiaPositionDecodesToTheSameBirthData(_ substitutions: Int) throws {
        let base = try CodiceFiscale("CNTCHR83T41D969D")
        let variant = base.omocodicVariant(substitutions: substitutions)
        #expect(try CodiceFiscale.normalised(variant.value) == variant.value)
        #expect(variant.value != base.value)
        #expect(variant.isOmocodic)
        #expect(variant.sex == .female)
        #expect(variant.birthYearInCentury == 83)
        #expect(variant.birthMonth == 12)
        #expect(variant.birthDay == 1)
        let replaced = zip(base.value.utf8, variant.value.utf8).prefix(15).filter { $0 != $1 }
        #expect(replaced.count == substitutions)
    }

    @Test(arguments: 0...9)
    func omocodiaLetterStandsForItsDigit(_ digit: Int) throws {
        let letters = Array("LMNPQRSTUV")
        let date = try #require(CalendarDate(year: 1990, month: 1, day: 1))
        let base = try CodiceFiscale.make(
            familyName: "Bianchi", givenName: "Anna", birthDate: date, sex: .female,
            placeCode: "A00\(digit)")
        let variant = base.omocodicVariant(substitutions: 1)
        #expect(Array(variant.value)[14] == letters[digit])
        #expect(try CodiceFiscale.normalised(variant.value) == variant.value)
    }

    @Test func rejectsAnOmocodiaLetterLeftOfADigit() {
        // Position 7 replaced (8 → U) while positions 8–15 keep their digits: never assigned.
        let problem = problem(codiceFiscale: withCheckCharacter("CCCFBAU5D03L219"))
        #expect(problem?.position == 8)
    }

    @Test(arguments: PublishedExample.all)
    func rejectsEveryWrongCheckCharacter(_ example: PublishedExample) {
        let right = example.code.last!
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" where letter != right {
            let problem = problem(codiceFiscale: String(example.code.dropLast()) + String(letter))
            #expect(problem?.position == 16)
            #expect(problem?.message.hasPrefix("character 16 should be the check character") == true)
        }
    }

    @Test(arguments: PublishedExample.all)
    func detectsEverySingleCharacterTypingError(_ example: PublishedExample) {
        let original = Array(example.code)
        for index in 0..<15 {
            for replacement in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" where replacement != original[index] {
                var typo = original
                typo[index] = replacement
                #expect(problem(codiceFiscale: String(typo)) != nil, "position \(index + 1) to \(replacement)")
            }
        }
    }

    @Test(arguments: 1...16)
    func namesThePositionOfAnImpossibleCharacter(_ position: Int) {
        var characters = Array("RSSMRA85T10A562S")
        characters[position - 1] = "*"
        let problem = problem(codiceFiscale: String(characters))
        #expect(problem?.position == position)
        #expect(problem?.message.hasPrefix("character \(position) should be") == true)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 12])
    func rejectsADigitWhereALetterBelongs(_ position: Int) {
        var characters = Array("RSSMRA85T10A562")
        characters[position - 1] = "7"
        #expect(problem(codiceFiscale: withCheckCharacter(String(characters)))?.position == position)
    }

    @Test(arguments: [7, 8, 10, 11, 13, 14, 15])
    func rejectsALetterOtherThanOmocodiaWhereADigitBelongs(_ position: Int) {
        var characters = Array("RSSMRA85T10A562")
        characters[position - 1] = "A"
        let problem = problem(codiceFiscale: withCheckCharacter(String(characters)))
        #expect(problem?.position == position)
        #expect(problem?.message.contains("omocodia letter L M N P Q R S T U V") == true)
    }

    @Test(arguments: ["F", "G", "I", "Z", "4"])
    func rejectsALetterThatIsNoMonth(_ month: String) {
        let problem = problem(codiceFiscale: withCheckCharacter("RSSMRA85\(month)10A562"))
        #expect(problem?.position == 9)
        #expect(problem?.message.contains("A B C D E H L M P R S T") == true)
    }

    @Test(arguments: ["00", "32", "40", "72", "99"])
    func rejectsADayOutsideTheRangesForMenAndWomen(_ day: String) {
        let problem = problem(codiceFiscale: withCheckCharacter("RSSMRA85T\(day)A562"))
        #expect(problem?.position == 10)
        #expect(problem?.message.contains("01–31 for men or 41–71 for women") == true)
    }

    @Test func rejectsADayTheMonthDoesNotHave() {
        #expect(problem(codiceFiscale: withCheckCharacter("RSSMRA85B30A562"))?.position == 10)
        #expect(problem(codiceFiscale: withCheckCharacter("RSSMRA85D71A562"))?.position == 10)
        #expect(problem(codiceFiscale: withCheckCharacter("RSSMRA85B29A562"))?.position == 10)
    }

    @Test func accepts29FebruaryWhenTheTwoDigitYearCanBeALeapYear() throws {
        // Year 00 is 2000, a leap year; 84 is 1984.
        #expect(throws: Never.self) { try CodiceFiscale(withCheckCharacter("RSSMRA00B29A562")) }
        #expect(throws: Never.self) { try CodiceFiscale(withCheckCharacter("RSSMRA84B69A562")) }
    }

    @Test func explainsTheLengthOfATooShortOrTooLongCode() {
        #expect(problem(codiceFiscale: "")?.message.hasPrefix("is empty") == true)
        #expect(problem(codiceFiscale: "RSSMRA85T10A562")?.message.hasPrefix("has 15 characters") == true)
        #expect(problem(codiceFiscale: "RSSMRA85T10A562SS")?.message.hasPrefix("has 17 characters") == true)
        #expect(problem(codiceFiscale: "06363391001")?.message.contains("fiscal code of an organisation") == true)
    }

    @Test func countsAnAccentedLetterAsOneCharacter() {
        let problem = problem(codiceFiscale: "RSSMRÀ85T10A562S")
        #expect(problem?.position == 6)
    }

    @Test func printingACodeShowsNoneOfItsCharacters() throws {
        let code = try CodiceFiscale("RSSMRA85T10A562S")
        #expect(!"\(code)".contains("RSS"))
        #expect(!String(reflecting: code).contains("RSS"))
        var dumped = ""
        dump(code, to: &dumped)
        #expect(!dumped.contains("RSS"))
    }
}
