@testable import RegistroOutput
import Testing

/// `Catalogue.text` fills a string's placeholders in one pass: what a value holds is written as
/// it is, never read again as a placeholder, whatever braces it has.
@Suite struct CatalogueTextTests {
    static let catalogue = Catalogue(
        language: .english, strings: ["row": "line {line}: {id} {kind}", "pair": "{a}}{b}", "same": "{name}!"])

    @Test func aValueNamingItsOwnPlaceholderIsWrittenAsItIs() {
        #expect(Self.catalogue.text("same", ["name": "{name}"]) == "{name}!")
    }

    @Test func aPlaceholderMadeOfAValueAndTheStringsTextIsNotFilled() {
        // `{a}` filled with `{b` and the string's `}` make `{b}`, which stays as it is.
        #expect(Self.catalogue.text("pair", ["a": "{b", "b": "B"]) == "{b}B")
    }

    @Test func valuesWithBracesAndAccentsAreCopiedByteForByte() {
        let text = Self.catalogue.text("row", ["line": "{kind}", "id": "è}{", "kind": "nuova"])
        #expect(text == "line {kind}: è}{ nuova")
    }
}
