import RegistroKit
import Testing

@Suite struct CodiceFiscaleMakingTests {
    @Test(arguments: PublishedExample.all.filter { $0.familyName != nil })
    func makesThePublishedCodeFromItsPersonalData(_ example: PublishedExample) throws {
        let date = try #require(
            CalendarDate(year: example.birth.year, month: example.birth.month, day: example.birth.day))
        let code = try CodiceFiscale.make(
            familyName: example.familyName!, givenName: example.givenName!, birthDate: date,
            sex: example.sex, placeCode: example.place)
        #expect(code.value == example.code)
    }

    @Test func makesThePublishedOmocodicVariantsRightToLeft() throws {
        let base = try CodiceFiscale("CCCFBA85D03L219P")
        let variants = (1...7).map { base.omocodicVariant(substitutions: $0).value }
        #expect(variants == PublishedExample.caccamoVariants)
    }

    @Test func roundTripsThroughValidationAndDecoding() throws {
        for (year, month, day) in [(1900, 1, 1), (1956, 2, 29), (2000, 2, 29), (2019, 12, 31)] {
            let date = try #require(CalendarDate(year: year, month: month, day: day))
            for sex in CodiceFiscale.Sex.allCases {
                let made = try CodiceFiscale.make(
                    familyName: "De Luca", givenName: "Maria Grazia", birthDate: date, sex: sex,
                    placeCode: "a479")
                let read = try CodiceFiscale(made.value.lowercased())
                #expect(read == made)
                #expect(read.sex == sex)
                #expect(read.birthDate(inCenturyStarting: year / 100 * 100) == date)
                #expect(read.value.dropFirst(11).prefix(4) == "A479")
            }
        }
    }

    @Test(arguments: [
        // Family names: consonants, then vowels, then X.
        ("Rossi", "RSS"), ("Fo", "FOX"), ("Riva", "RVI"), ("Re", "REX"), ("Dell'Anno", "DLL"),
        ("Giordano", "GRD"), ("Oi", "OIX"),
    ])
    func takesTheFamilyNameLettersByTheOfficialRule(_ name: String, _ expected: String) throws {
        #expect(try letters(family: name, given: "Anna").prefix(3) == expected)
    }

    @Test(arguments: [
        // Given names: with four or more consonants, the first, third and fourth.
        ("Vincenzo", "VCN"), ("Alessandro", "LSN"), ("Marta", "MRT"), ("Sara", "SRA"),
        ("Al", "LAX"), ("Maria Grazia", "MGR"), ("Ugo", "GUO"),
    ])
    func takesTheGivenNameLettersByTheOfficialRule(_ name: String, _ expected: String) throws {
        #expect(try letters(family: "Rossi", given: name).dropFirst(3) == expected)
    }

    @Test func readsAccentedAndOtherLatinLettersAsTheirBaseLetter() throws {
        #expect(try letters(family: "Niccolò", given: "Ștefan") == "NCCSFN")
        #expect(try letters(family: "Çela", given: "Élodie") == "CLELDE")
        #expect(try letters(family: "Strauß", given: "Zoë") == "STRZOE")
    }

    @Test func rejectsNamesWithoutLettersAndMalformedPlaceCodes() throws {
        let date = try #require(CalendarDate(year: 1990, month: 5, day: 17))
        #expect(throws: FieldProblem.self) {
            try CodiceFiscale.make(
                familyName: "'-", givenName: "Anna", birthDate: date, sex: .female, placeCode: "A479")
        }
        #expect(throws: FieldProblem.self) {
            try CodiceFiscale.make(
                familyName: "Rossi", givenName: "", birthDate: date, sex: .female, placeCode: "A479")
        }
        for place in ["A47", "4479", "AB79", "A4790", ""] {
            #expect(throws: FieldProblem.self) {
                try CodiceFiscale.make(
                    familyName: "Rossi", givenName: "Anna", birthDate: date, sex: .female, placeCode: place)
            }
        }
    }

    /// The six name letters of the code made for `family` and `given`.
    private func letters(family: String, given: String) throws -> Substring {
        let date = CalendarDate(year: 1990, month: 5, day: 17)!
        let code = try CodiceFiscale.make(
            familyName: family, givenName: given, birthDate: date, sex: .male, placeCode: "H501")
        return code.value.prefix(6)
    }
}
