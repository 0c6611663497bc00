@testable import RegistroKit
import Testing

@Suite("decoding spreadsheet text")
struct TextDecodingTests {
    @Test("the first non-ASCII field decides: Windows-1252 bytes decode as Windows-1252 from then on")
    func windows1252IsRecognised() throws {
        var decoding = TextDecoding(knownUTF8: false)
        #expect(try decoding.decode(ArraySlice(Array("Rossi".utf8))) == "Rossi")
        #expect(decoding.encoding == nil)
        #expect(try decoding.decode([0x4E, 0x69, 0x63, 0x63, 0x6F, 0x6C, 0xF2]) == "Niccolò")
        #expect(decoding.encoding == .windows1252)
        #expect(try decoding.decode([0x80, 0x20, 0x35]) == "€ 5")
    }

    @Test("UTF-8 text sets UTF-8, and a later invalid sequence is an error rather than a guess")
    func utf8IsKeptOnceChosen() throws {
        var decoding = TextDecoding(knownUTF8: false)
        #expect(try decoding.decode(ArraySlice(Array("Perù".utf8))) == "Perù")
        #expect(decoding.encoding == .utf8)
        #expect(throws: FieldProblem.self) { try decoding.decode([0x50, 0x65, 0x72, 0xF9]) }
    }

    @Test("bytes Windows-1252 leaves unassigned are refused")
    func unassignedBytesAreRefused() {
        var decoding = TextDecoding(knownUTF8: false)
        #expect(throws: FieldProblem.self) { try decoding.decode([0x41, 0x81]) }
    }
}
