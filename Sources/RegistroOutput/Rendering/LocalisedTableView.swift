import RegistroKit

/// A table view whose terminal headings follow a language: in Italian each column is headed by
/// the catalogue's `cli_column_NAME`, in English by its name; on a terminal the moments of its
/// `…_at` columns are shown in the display time zone; JSON and CSV never change with the
/// language or the zone.
public protocol LocalisedTableView: TableView {
    /// The language of the terminal rendering.
    var language: Language { get }
}

extension LocalisedTableView {
    /// The table's aligned text, headed in the view's language, its moments in the display time
    /// zone.
    public var text: String {
        let catalogue = Catalogue.of(language)
        let table = table
        let moments = Set(table.columns.indices.filter { table.columns[$0].hasSuffix("_at") })
        let rows = table.rows.map { row in
            row.enumerated().map { index, value -> JSONValue in
                guard moments.contains(index), case .string(let moment) = value else { return value }
                return .string(catalogue.time(moment))
            }
        }
        let headings =
            language == .italian ? table.columns.map { catalogue.strings["cli_column_\($0)"] ?? $0 } : table.columns
        return Tabular(columns: headings, rows: rows, note: table.note).alignedText()
    }
}
