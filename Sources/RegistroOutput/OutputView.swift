import RegistroKit

/// A view of a value the registry returns, built once from it and rendered in each format it
/// supports. Every view renders JSON; the protocols below add text, CSV and HTML, and the formats
/// a view supports are the ones it conforms to.
public protocol OutputView: Sendable {
    /// What the view shows, as a noun phrase for sentences: `a case file`.
    static var noun: String { get }
    /// The view as JSON: the shape programs rely on, on the command line and in the API.
    var json: JSONValue { get }
}

/// A view with a text rendering for terminals.
public protocol TextView: OutputView {
    /// The view as text for a terminal, ending with a newline.
    var text: String { get }
}

/// A view that is one table of named columns, for spreadsheets.
public protocol CSVView: OutputView {
    /// The rows of the CSV rendering, with their header.
    var csv: Tabular { get }
}

/// A view with a standalone HTML page.
public protocol HTMLView: OutputView {
    /// The view as an HTML page.
    var html: HTMLPage { get }
}

extension OutputView {
    /// The formats the view renders, in the order `table`, `json`, `csv`, `html`.
    public static var formats: [OutputFormat] {
        OutputFormat.allCases.filter(supports)
    }

    /// The formats the view renders in words, e.g. `table, json or csv`.
    public static var formatNames: String {
        OutputFormat.names(formats)
    }

    /// Whether the view renders `format`.
    public static func supports(_ format: OutputFormat) -> Bool {
        switch format {
        case .table: self is any TextView.Type
        case .json: true
        case .csv: self is any CSVView.Type
        case .html: self is any HTMLView.Type
        }
    }

    /// Refuses `format` unless the view renders it; call it before asking the library for the
    /// value, so that a refused format changes nothing (no read is made or recorded).
    ///
    /// - Throws: `UnsupportedFormat` naming the formats the view has.
    public static func require(_ format: OutputFormat) throws(UnsupportedFormat) {
        guard supports(format) else {
            throw UnsupportedFormat(format: format, noun: noun, supported: formats)
        }
    }

    /// The view rendered in `format`, ending with a newline.
    ///
    /// - Throws: `UnsupportedFormat` when the view has no such rendering.
    public func rendered(as format: OutputFormat) throws(UnsupportedFormat) -> String {
        try Self.require(format)
        switch format {
        case .table: return (self as? any TextView)?.text ?? ""
        case .json: return json.encoded(pretty: true) + "\n"
        case .csv: return (self as? any CSVView)?.csv.csvText() ?? ""
        case .html: return (self as? any HTMLView)?.html.rendered() ?? ""
        }
    }
}
