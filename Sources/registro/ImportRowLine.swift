import RegistroOutput

/// The line an import prints for each row (`line 2: B7K3M9Q2X4TA new`), its words looked up in
/// the catalogue once per import rather than once per row: a file of a million rows prints a
/// million lines.
struct ImportRowLine {
    /// The catalogue's `import_row` with the kind filled in, cut where the line number and the
    /// person's id go: `pieces[0]`, a value, `pieces[1]`, a value, `pieces[2]`.
    private let pieces: [String]
    /// Whether the line number comes before the person's id in this language's wording.
    private let lineFirst: Bool

    /// The row line of `kind` (`import_row_new` or `import_row_matched`) in `catalogue`'s words.
    init(_ catalogue: Catalogue, kind: String) {
        let line = "\u{1}"
        let id = "\u{2}"
        let filled = catalogue.text("import_row", ["line": line, "id": id, "kind": catalogue[kind]])
        pieces = filled.split(omittingEmptySubsequences: false) { $0 == "\u{1}" || $0 == "\u{2}" }.map(String.init)
        lineFirst =
            (filled.firstIndex(of: "\u{1}") ?? filled.endIndex) <= (filled.firstIndex(of: "\u{2}") ?? filled.endIndex)
    }

    /// The line of the row numbered `number`, whose person is `id`.
    func text(line number: Int, id: String) -> String {
        guard pieces.count == 3 else { return "\(number) \(id)" }
        let (first, second) = lineFirst ? (String(number), id) : (id, String(number))
        return pieces[0] + first + pieces[1] + second + pieces[2]
    }
}
