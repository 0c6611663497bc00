import RegistroKit

/// What an import of deliveries did, or would do on a dry run (`import deliveries`): one
/// sentence for a terminal, the figures as JSON.
public struct ImportSummaryView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "an import summary"

    /// The summary shown.
    public let summary: ImportSummary
    /// Where the file came from, as the user named it: a path, or an upload's name.
    public let source: String
    /// The language of the text rendering.
    public let language: Language

    /// The view of `summary` of the import of `source`, its text in `language`.
    public init(_ summary: ImportSummary, source: String, language: Language = .english) {
        self.summary = summary
        self.source = source
        self.language = language
    }

    /// How many deliveries were (or would be) imported, new people and matches; on a dry run,
    /// a second line saying nothing was stored.
    public var text: String {
        let catalogue = Catalogue.of(language)
        /// `number` with its noun from the catalogue: key `one` when it is 1, else `other`.
        func count(_ number: Int, _ one: String, _ other: String) -> String {
            number == 1 ? catalogue[one] : catalogue.text(other, ["count": String(number)])
        }
        var text =
            catalogue.text(
                summary.dryRun ? "import_summary_dry_run" : "import_summary",
                [
                    "deliveries": count(summary.rows, "import_delivery", "import_deliveries"), "source": source,
                    "encoding": summary.encoding, "separator": summary.separator,
                    "people": count(summary.peopleCreated, "import_new_person", "import_new_people"),
                    "matched": count(summary.rowsMatched, "import_row_matched_one", "import_rows_matched"),
                ]) + "\n"
        if summary.dryRun {
            text += catalogue["import_nothing_stored"] + "\n"
        }
        return text
    }

    /// `source`, `dry_run`, `rows`, `people_created`, `rows_matched`, `encoding`, `separator`,
    /// `file_digest`.
    public var json: JSONValue {
        .object([
            ("source", .string(source)), ("dry_run", .bool(summary.dryRun)), ("rows", .int(Int64(summary.rows))),
            ("people_created", .int(Int64(summary.peopleCreated))), ("rows_matched", .int(Int64(summary.rowsMatched))),
            ("encoding", .string(summary.encoding)), ("separator", .string(summary.separator)),
            ("file_digest", .string(summary.fileDigest)),
        ])
    }
}
