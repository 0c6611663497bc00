/// How a command prints data: `--format table|json|csv`.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for people reading a terminal.
    case table
    /// JSON for programs.
    case json
    /// CSV with a header row, for spreadsheets.
    case csv
}
