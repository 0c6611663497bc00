/// A table view whose terminal headings follow a language: in Italian each column is headed by
/// the catalogue's `cli_column_NAME`, in English by its name; the rows, JSON and CSV never
/// change with the language.
public protocol LocalisedTableView: TableView {
    /// The language of the terminal rendering.
    var language: Language { get }
}

extension LocalisedTableView {
    /// The table's aligned text, headed in the view's language.
    public var text: String {
        guard language == .italian else { return table.alignedText() }
        let catalogue = Catalogue.of(language)
        let headings = table.columns.map { catalogue.strings["cli_column_\($0)"] ?? $0 }
        return Tabular(columns: headings, rows: table.rows, note: table.note).alignedText()
    }
}
