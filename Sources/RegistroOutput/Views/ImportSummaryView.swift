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

    /// The view of `summary` of the import of `source`.
    public init(_ summary: ImportSummary, source: String) {
        self.summary = summary
        self.source = source
    }

    /// How many deliveries were (or would be) imported, new people and matches; on a dry run,
    /// a second line saying nothing was stored.
    public var text: String {
        let verb = summary.dryRun ? "would import" : "imported"
        var text =
            "\(verb) \(Self.count(summary.rows, "delivery", "deliveries")) from \(source) (\(summary.encoding), "
            + "separator \(summary.separator)): \(Self.count(summary.peopleCreated, "new person", "new people")), "
            + "\(Self.count(summary.rowsMatched, "row", "rows")) matched to people already known\n"
        if summary.dryRun {
            text += "dry run: nothing was stored\n"
        }
        return text
    }

    /// `number` followed by the noun in the singular when it is 1, else in the plural.
    private static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
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
