import Foundation
import RegistroOutput

/// The line an import prints for each row (`line 2: B7K3M9Q2X4TA new`), its words looked up in
/// the catalogue once per import rather than once per row: a file of a million rows prints a
/// million lines, so they are written as bytes into one buffer (`RowLinesOutput`) rather than
/// made into a string and printed each.
struct ImportRowLine {
    /// The catalogue's `import_row` with the kind filled in, cut where the line number and the
    /// person's id go, as UTF-8: `pieces[0]`, a value, `pieces[1]`, a value, `pieces[2]`.
    private let pieces: [[UInt8]]
    /// Whether the line number comes before the person's id in this language's wording.
    private let lineFirst: Bool

    /// The row line of `kind` (`import_row_new` or `import_row_matched`) in `catalogue`'s words.
    init(_ catalogue: Catalogue, kind: String) {
        let line = "\u{1}"
        let id = "\u{2}"
        let filled = catalogue.text("import_row", ["line": line, "id": id, "kind": catalogue[kind]])
        pieces = filled.split(omittingEmptySubsequences: false) { $0 == "\u{1}" || $0 == "\u{2}" }
            .map { Array($0.utf8) }
        lineFirst =
            (filled.firstIndex(of: "\u{1}") ?? filled.endIndex) <= (filled.firstIndex(of: "\u{2}") ?? filled.endIndex)
    }

    /// Appends the line of the row numbered `number`, whose person is `id`, and a line break, to
    /// `output`.
    func append(line number: Int, id: String, to output: inout [UInt8]) {
        guard pieces.count == 3 else {
            output.append(contentsOf: "\(number) \(id)\n".utf8)
            return
        }
        output.append(contentsOf: pieces[0])
        if lineFirst {
            Self.appendDecimal(number, to: &output)
            output.append(contentsOf: pieces[1])
            Self.appendUTF8(id, to: &output)
        } else {
            Self.appendUTF8(id, to: &output)
            output.append(contentsOf: pieces[1])
            Self.appendDecimal(number, to: &output)
        }
        output.append(contentsOf: pieces[2])
        output.append(UInt8(ascii: "\n"))
    }

    /// Appends the decimal digits of `number` to `output`, as `String(number)` writes them,
    /// without making the string: a million-row import writes a million line numbers.
    private static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
        guard number >= 0 else {
            output.append(contentsOf: String(number).utf8)
            return
        }
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends the UTF-8 bytes of `text` to `output` as one copy.
    private static func appendUTF8(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }
}

/// Standard output for many short lines: collected as bytes and written in chunks of 64 KiB,
/// after what `print` wrote before them.
struct RowLinesOutput {
    /// The bytes not yet written.
    var bytes: [UInt8] = []
    private static let chunk = 1 << 16

    init() {
        bytes.reserveCapacity(Self.chunk + 256)
    }

    /// Writes the bytes collected once they fill a chunk.
    mutating func flushIfFull() {
        if bytes.count >= Self.chunk { flush() }
    }

    /// Writes the bytes collected.
    mutating func flush() {
        // What `print` wrote before waits in the C library's buffer: out first.
        fflush(nil)
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
