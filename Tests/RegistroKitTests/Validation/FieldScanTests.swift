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
}
