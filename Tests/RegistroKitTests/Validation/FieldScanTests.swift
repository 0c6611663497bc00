import Testing

@testable import RegistroKit

/// The byte-level scans a new person's validation runs on every field.
@Suite struct FieldScanTests {
    @Test func listedCodesSplitOnBothSeparatorsTrimAndDropEmptyOnes() {
        #expect(RecordValidator.listedCodes("a;b,c") == ["a", "b", "c"])
        #expect(RecordValidator.listedCodes(" disabilità ;\t, ;senza_dimora\n") == ["disabilità", "senza_dimora"])
        #expect(RecordValidator.listedCodes("").isEmpty)
        #expect(RecordValidator.listedCodes(" ; ,, ").isEmpty)
        #expect(RecordValidator.listedCodes("one") == ["one"])
    }

    @Test func blankIsOnlySpacesTabsAndLineBreaks() {
        #expect(TrimmedScan.isBlank(""))
        #expect(TrimmedScan.isBlank(" \t\r\n "))
        #expect(!TrimmedScan.isBlank("  x "))
        #expect(!TrimmedScan.isBlank("\u{A0}"))
    }

    @Test func trimmedTellsTextWithBlanksAroundIt() {
        #expect(TrimmedScan.isTrimmed("Rossi"))
        #expect(TrimmedScan.isTrimmed("De Santis"))
        #expect(!TrimmedScan.isTrimmed(""))
        #expect(!TrimmedScan.isTrimmed(" Rossi"))
        #expect(!TrimmedScan.isTrimmed("Rossi\n"))
        #expect(TrimmedScan.trimmed(" Rossi\t") == "Rossi")
    }

    @Test func controlCharactersFoundPastPrintableASCIIAndBeyondIt() {
        #expect(ControlCharacters.firstPosition(in: "Via Roma 1", allowingLineBreaks: false) == nil)
        #expect(ControlCharacters.firstPosition(in: "Via\u{1B}Roma", allowingLineBreaks: false) == 4)
        #expect(ControlCharacters.firstPosition(in: "Via\u{7F}", allowingLineBreaks: false) == 4)
        #expect(ControlCharacters.firstPosition(in: "a\nb", allowingLineBreaks: true) == nil)
        #expect(ControlCharacters.firstPosition(in: "a\nb", allowingLineBreaks: false) == 2)
        #expect(ControlCharacters.firstPosition(in: "Niccolò", allowingLineBreaks: false) == nil)
        #expect(ControlCharacters.firstPosition(in: "è\u{85}", allowingLineBreaks: false) == 2)
        #expect(ControlCharacters.firstPosition(in: "ab\u{202E}c", allowingLineBreaks: false) == 3)
    }

    @Test func controlCharactersFoundAtEveryPlaceOfAWord() {
        // The printable-ASCII test reads eight bytes at a time: each boundary byte at each place
        // of the words and of the bytes after them.
        for length in 1...19 {
            for place in 0..<length {
                for (byte, isControl) in [(0x1F, true), (0x20, false), (0x7E, false), (0x7F, true), (0x00, true)] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[place] = UInt8(byte)
                    let text = String(decoding: bytes, as: UTF8.self)
                    let found = ControlCharacters.firstPosition(in: text, allowingLineBreaks: false)
                    #expect(found == (isControl ? place + 1 : nil), "length \(length), place \(place), byte \(byte)")
                }
                var accented = Array(String(repeating: "a", count: length).utf8)
                accented.insert(contentsOf: Array("è".utf8), at: place)
                let text = String(decoding: accented, as: UTF8.self)
                #expect(ControlCharacters.firstPosition(in: text, allowingLineBreaks: false) == nil)
            }
        }
    }

    @Test func plainCodiceFiscaleCompactsAsTheGeneralReading() throws {
        // A code of 16 digits and capitals is loaded as two words; any other form is read byte
        // by byte. Both give the same code.
        let plain = CompactCode("RSSMRA85M01H501Q")
        let spaced = CompactCode(" rssmra85m01 H501Q ")
        #expect(plain.count == 16 && spaced.count == 16)
        #expect(!plain.differsFromInput && spaced.differsFromInput)
        #expect(plain.firstNonASCII == nil)
        #expect((0..<16).allSatisfy { plain[$0] == spaced[$0] })
        #expect(plain.string() == "RSSMRA85M01H501Q" && spaced.string() == "RSSMRA85M01H501Q")
        #expect(try CodiceFiscale(" rssmra85m01 H501Q ").value == CodiceFiscale("RSSMRA85M01H501Q").value)
        // Sixteen characters but not all digits and capitals: the general reading.
        #expect(CompactCode("RSSMRA85M01H501-").string() == "RSSMRA85M01H501-")
    }

    @Test func sexAndCitizenshipReadExactlyOrTrimmedAndUpperCased() throws {
        let validator = try RegistryDatabase.inMemory().read { db in
            RecordValidator(catalog: try CodeCatalog(db), today: CalendarDate(year: 2026, month: 11, day: 29)!)
        }
        func read(_ sex: String, _ citizenship: String) -> (Sex?, Citizenship?, [String?]) {
            var fields = BeneficiaryFields()
            fields.sex = sex
            fields.citizenship = citizenship
            var problems: [RecordProblem] = []
            let valid = validator.beneficiary(fields, problems: &problems)
            return (valid.sex, valid.citizenship, problems.map(\.field))
        }
        #expect(read("F", "EXTRA_EU") == (.female, .extraEU, []))
        #expect(read("X", "IT") == (.unspecified, .italian, []))
        #expect(read(" f", "eu") == (.female, .europeanUnion, []))
        #expect(read("f ", " extra_eu ") == (.female, .extraEU, []))
        #expect(read("Q", "XX") == (nil, nil, ["sex", "citizenship"]))
    }
}
