import RegistroKit

/// A titled table within a larger view (a section of the audit overview or of a subject
/// report), built once and rendered as text, as HTML and as JSON.
struct TitledTable: Sendable {
    /// The JSON key of the section.
    var key: String
    /// The heading, e.g. `Denials by user`.
    var title: String
    /// What an empty section says instead of a table, in lower case without a full stop, e.g.
    /// `no denial`.
    var empty: String
    /// The column names.
    var columns: [String]
    /// The rows, one value per column.
    var rows: [[JSONValue]]
    /// The column headings people read in text and HTML; the column names unless set.
    var headings: [String]? = nil

    /// The table with its column headings in `catalogue`'s language: in Italian each column's
    /// `cli_column_NAME`, in English the column names.
    func headed(in catalogue: Catalogue) -> TitledTable {
        guard catalogue.language == .italian else { return self }
        var table = self
        table.headings = columns.map { catalogue.strings["cli_column_\($0)"] ?? $0 }
        return table
    }

    /// A blank line, the title with the number of rows, then the aligned table or `empty`.
    var text: String {
        "\n\(title) (\(rows.count)):\n"
            + (rows.isEmpty ? "  \(empty)\n" : Tabular(columns: headings ?? columns, rows: rows).alignedText())
    }

    /// A heading with the number of rows, then the table or `empty` as a sentence; lists are
    /// joined with `, `.
    var html: String {
        let cells = rows.map { row in
            row.map { value in
                if case .array(let items) = value { return items.map(\.plainText).joined(separator: ", ") }
                return value.plainText
            }
        }
        return HTMLPage.section(
            title, empty: empty.prefix(1).uppercased() + empty.dropFirst() + ".", columns: headings ?? columns,
            rows: cells)
    }

    /// The rows as objects keyed by column.
    var json: JSONValue {
        Tabular(columns: columns, rows: rows).jsonValue
    }
}
