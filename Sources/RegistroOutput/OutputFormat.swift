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
}
