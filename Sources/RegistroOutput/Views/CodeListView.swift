import RegistroKit

/// A reference code list (`codes KIND`): the list's own columns, one row per code, in CSV and
/// JSON; on a terminal, a table that fits `textWidth` columns.
public struct CodeListView: TableView {
    /// What the view shows, for sentences.
    public static let noun = "a code list"

    /// The widest line of the table text, in characters: a terminal of 100 columns.
    public static let textWidth = 100

    /// Which list.
    public let kind: CodeKind
    /// The codes shown, in order.
    public let codes: [ReferenceCode]

    /// The view of the `codes` of list `kind`.
    /// The language of the terminal headings and note.
    public let language: Language

    /// The view of `codes`, a list of `kind`, its terminal headings and note in `language`.
    public init(_ kind: CodeKind, _ codes: [ReferenceCode], language: Language = .english) {
        self.kind = kind
        self.codes = codes
        self.language = language
    }

    /// The list's columns; `area_utenza` as a number, every other value as text.
    public var table: Tabular {
        Tabular(
            columns: kind.columns,
            rows: codes.map { code in
                code.values.enumerated().map { index, value -> JSONValue in
                    kind.columns[index] == "area_utenza" ? .int(Int64(value) ?? 0) : .string(value)
                }
            })
    }

    /// The codes with their short columns (`axis`, `special`) and the Italian label last, cut
    /// short with `…` where the line would pass `textWidth`; a closing line says where the
    /// whole list is.
    public var text: String {
        let shown = kind.columns.filter { ["code", "axis", "special"].contains($0) }
        let label = kind.columns.firstIndex(of: "label_it")!
        let indexes = shown.map { kind.columns.firstIndex(of: $0)! }
        var narrow = Tabular(
            columns: shown + ["label"],
            rows: codes.map { code in indexes.map { .string(code.values[$0]) } + [.string(code.values[label])] })
        let before = shown.indices.reduce(0) { width, index in
            width + max(shown[index].count, codes.map { $0.values[indexes[index]].count }.max() ?? 0) + 2
        }
        let room = max(Self.textWidth - before, 10)
        var shortened = false
        for row in narrow.rows.indices {
            guard case .string(let text) = narrow.rows[row][shown.count], text.count > room else { continue }
            narrow.rows[row][shown.count] = .string(String(text.prefix(room - 1)) + "…")
            shortened = true
        }
        let catalogue = Catalogue.of(language)
        if language == .italian {
            narrow.columns = narrow.columns.map { catalogue.strings["cli_column_\($0)"] ?? $0 }
        }
        let whole = catalogue.text("cli_codes_every_column", ["kind": kind.rawValue])
        return narrow.alignedText() + (shortened ? catalogue["cli_codes_shortened"] : "") + whole + "\n"
    }
}
