import RegistroKit

/// The person of each row of an import, kept until the import is over to print them, in little
/// memory. A spreadsheet's rows follow one another line by line, and a person's rows one
/// another, so each row is written as the lines since the row before (a variable-length
/// integer, one byte for fewer than 128), then a marker byte (whether the person is new, and
/// whether they are the row before's person), then, for another person, their id's length and
/// UTF-8 bytes; in chunks of 1 MiB. A million rows with a person in two take about 8 MB, where
/// an array of `ImportedRow` takes 32 MB and, growing, briefly holds its old and new storage
/// (96 MB at 1.1 million rows): more than the rest of the import.
struct ImportedRowList: Sequence {
    private var chunks: [[UInt8]] = []
    private var lastLine = 0
    private var lastPerson = ""
    private static let chunkSize = 1 << 20
    private static let newPerson: UInt8 = 1
    private static let samePerson: UInt8 = 2

    /// Adds `row`, whose line follows the previous row's, at the end.
    mutating func append(_ row: ImportedRow) {
        precondition(row.line > lastLine, "rows are added in file order")
        let id = row.beneficiary.utf8
        precondition(id.count < 256, "a person's id has 12 characters")
        // At most 10 bytes of gap, the marker, the id's length and the id.
        if chunks.isEmpty || chunks[chunks.count - 1].count + 12 + id.count > Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        let last = chunks.count - 1
        var gap = row.line - lastLine
        while gap >= 0x80 {
            chunks[last].append(UInt8(gap & 0x7F) | 0x80)
            gap >>= 7
        }
        chunks[last].append(UInt8(gap))
        let same = row.beneficiary == lastPerson
        chunks[last].append((row.created ? Self.newPerson : 0) | (same ? Self.samePerson : 0))
        if !same {
            chunks[last].append(UInt8(id.count))
            chunks[last].append(contentsOf: id)
            lastPerson = row.beneficiary
        }
        lastLine = row.line
    }

    /// The rows in the order added.
    func makeIterator() -> Iterator {
        Iterator(chunks: chunks)
    }

    /// Reads the rows back.
    struct Iterator: IteratorProtocol {
        let chunks: [[UInt8]]
        var chunk = 0
        var offset = 0
        var line = 0
        var person = ""

        mutating func next() -> ImportedRow? {
            while chunk < chunks.count, offset >= chunks[chunk].count {
                chunk += 1
                offset = 0
            }
            guard chunk < chunks.count else { return nil }
            let bytes = chunks[chunk]
            var gap = 0
            var shift = 0
            while bytes[offset] & 0x80 != 0 {
                gap |= Int(bytes[offset] & 0x7F) << shift
                shift += 7
                offset += 1
            }
            gap |= Int(bytes[offset]) << shift
            line += gap
            let marker = bytes[offset + 1]
            offset += 2
            if marker & ImportedRowList.samePerson == 0 {
                let count = Int(bytes[offset])
                person = String(decoding: bytes[offset + 1..<offset + 1 + count], as: UTF8.self)
                offset += 1 + count
            }
            return ImportedRow(line: line, beneficiary: person, created: marker & ImportedRowList.newPerson != 0)
        }
    }
}
