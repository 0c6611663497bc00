/// A format a view is rendered in: `--format` on the command line, the kind of response on the
/// server.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned text for people reading a terminal.
    case table
    /// JSON for programs; the same shape on the command line and in the API.
    case json
    /// CSV with a header row, for spreadsheets.
    case csv
    /// A standalone HTML page: inline style, no script, nothing fetched, printable on A4.
    case html

    /// `formats` in words: `table, json or csv`.
    public static func names(_ formats: [OutputFormat]) -> String {
        let names = formats.map(\.rawValue)
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
