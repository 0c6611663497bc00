import Foundation
import RegistroKit

/// Rows of named columns, rendered as an aligned table, CSV or JSON.
public struct Tabular: Sendable, Equatable {
    /// The column names, in order: the table header, the CSV header, the JSON keys.
    public var columns: [String]
    /// The rows; each has one value per column.
    public var rows: [[JSONValue]]
    /// A sentence that goes with the figures (a report's note that its totals need not add
    /// up): written by CSV as a last line starting with `# `, left to the view elsewhere.
    public var note: String?

    /// Creates a table with `columns` and `rows`, and a `note` CSV ends with.
    public init(columns: [String], rows: [[JSONValue]], note: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.note = note
    }

    /// Columns padded to their widest value, a rule under the header, ending with a newline.
    public func alignedText() -> String {
        let cells = rows.map { $0.map(\.plainText) }
        var widths = columns.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ values: [String]) -> String {
            var text = ""
            for (index, value) in values.enumerated() {
                let isLast = index == values.count - 1
                text += isLast ? value : value.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }
            return text
        }
        var lines = [line(columns), line(widths.map { String(repeating: "─", count: $0) })]
        lines += cells.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header row, ending with a newline; then the note, if any, on a line
    /// of its own starting with `# `.
    public func csvText() -> String {
        var lines = [columns.map(CSVWriter.field).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { CSVWriter.field($0.plainText) }.joined(separator: ","))
        }
        if let note { lines.append("# " + note) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON array of objects keyed by column name, in column order.
    public var jsonValue: JSONValue {
        .array(rows.map { row in JSONValue.object(Array(zip(columns, row))) })
    }
}

/// A view that is one table: aligned text, CSV and a JSON array of objects keyed by column.
public protocol TableView: TextView, CSVView {
    /// The table.
    var table: Tabular { get }
}

extension TableView {
    /// The table's aligned text.
    public var text: String { table.alignedText() }
    /// The table's rows as objects keyed by column.
    public var json: JSONValue { table.jsonValue }
    /// The table itself.
    public var csv: Tabular { table }
}

/// Quoting of CSV fields.
enum CSVWriter {
    /// `value` as one CSV field: quoted when it holds a comma, a quote or a line break, with
    /// quotes doubled.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
