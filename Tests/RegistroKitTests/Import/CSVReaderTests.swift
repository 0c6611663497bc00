@testable import RegistroKit
import Testing

@Suite("the streaming CSV reader")
struct CSVReaderTests {
    /// Every record of `text` as strings.
    func records(_ text: String) throws -> [[String]] {
        try records(Array(text.utf8))
    }

    func records(_ bytes: [UInt8]) throws -> [[String]] {
        let reader = CSVReader(bytes: bytes)
        var result: [[String]] = []
        while try reader.next() {
            result.append((0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) })
        }
        return result
    }

    @Test("the separator is the more frequent of comma and semicolon in the header")
    func separatorIsDetectedFromTheHeader() throws {
        #expect(try records("a;b;c\n1;2,5;3\n") == [["a", "b", "c"], ["1", "2,5", "3"]])
        #expect(try records("a,b\n1;2,3\n") == [["a", "b"], ["1;2", "3"]])
    }

    @Test("quoted fields keep separators, doubled quotes and line breaks")
    func quotedFields() throws {
        #expect(
            try records("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n")
                == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"]])
    }

    @Test("a quote inside an unquoted field is a plain character, and an empty field stays empty")
    func quoteInsideUnquotedField() throws {
        #expect(try records("a,b,c\nsay \"hi\",,x\"\n") == [["a", "b", "c"], ["say \"hi\"", "", "x\""]])
    }

    @Test("CRLF, CR and LF line ends all end records, and empty lines are skipped")
    func lineEnds() throws {
        #expect(
            try records("a,b\r\n1,2\r3,4\n\n;\n,\n5,6") == [["a", "b"], ["1", "2"], ["3", "4"], [";"], ["5", "6"]])
    }

    @Test("records report the line they start on, counting line breaks inside quotes")
    func recordLines() throws {
        let reader = CSVReader(bytes: Array("h\n\"a\nb\"\n\nc\n".utf8))
        var lines: [Int] = []
        while try reader.next() { lines.append(reader.recordLine) }
        #expect(lines == [1, 2, 5])
    }

    @Test("a byte order mark is skipped and remembered")
    func byteOrderMark() throws {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8))
        #expect(try reader.next())
        #expect(reader.hadByteOrderMark)
        #expect(String(decoding: reader.field(0), as: UTF8.self) == "a")
    }

    @Test("a quoted field left open, or text after a closing quote, is an error at the line where its record starts")
    func malformedQuotes() throws {
        for (text, problem) in [
            ("a,b\n1,\"never closed\n", "a quoted field is never closed"),
            ("a,b\n\"x\"y,2\n", "column 1: text follows a closing quote"),
        ] {
            let reader = CSVReader(bytes: Array(text.utf8))
            let error = #expect(throws: RegistroError.self) { while try reader.next() {} }
            #expect(error?.message.hasPrefix(problem) == true)
            #expect(reader.recordLine == 2)
        }
    }

    @Test("fields that cross the reader's chunk boundaries are read whole")
    func chunkBoundaries() throws {
        let long = String(repeating: "x", count: 70_000)
        var text = "a,b\n"
        for index in 0..<5 {
            text += "\(index),\"\(long)\"\n"
        }
        let rows = try records(text)
        #expect(rows.count == 6)
        #expect(rows.dropFirst().allSatisfy { $0[1].count == 70_000 })
    }

    @Test("fields of every length up to 40 bytes end at the first separator or line end, whatever its place in a word")
    func fieldsOfEveryLength() throws {
        // Fields read eight bytes at a time: each length puts the field's end at another place
        // in its last word, and a row's fields start anywhere in the chunk.
        var text = "a,b,c\n"
        var expected = [["a", "b", "c"]]
        for length in 0...40 {
            let field = String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            let ends = ["\n", "\r\n", "\r"]
            text += "\(field),x\"\(field);,\(length)" + ends[length % 3]
            expected.append([field, "x\"" + field + ";", String(length)])
        }
        #expect(try records(text) == expected)
        for separator in [",", ";", "\n"] {
            // The special byte in each of the eight places of a word, at every offset.
            for offset in 0..<16 {
                let line = String(repeating: "z", count: offset) + separator + "tail"
                let rows = try records("h,i\n" + line + "\n")
                let fields =
                    separator == ","
                    ? [String(repeating: "z", count: offset), "tail"]
                    : separator == ";" ? [line] : [String(repeating: "z", count: offset)]
                #expect(rows.dropFirst().first == (offset == 0 && separator == "\n" ? ["tail"] : fields))
            }
        }
    }

    @Test("the field count is the current record's: fewer on a short row, none after the last")
    func fieldCountIsTheRecords() throws {
        let reader = CSVReader(bytes: Array("a,b,c\n1,2\n".utf8))
        #expect(try reader.next())
        #expect(reader.fieldCount == 3)
        #expect(try reader.next())
        #expect(reader.fieldCount == 2)
        #expect(try !reader.next())
        #expect(reader.fieldCount == 0)
    }

    @Test("the digest is BLAKE2b of every byte of the input")
    func digestCoversTheWholeInput() throws {
        let bytes = Array("a,b\n1,2\n".utf8)
        let reader = CSVReader(bytes: bytes)
        while try reader.next() {}
        #expect(reader.digest() == BLAKE2b.digest(bytes))
    }
}
