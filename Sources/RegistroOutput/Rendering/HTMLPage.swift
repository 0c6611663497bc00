/// A standalone HTML page (reports, the audit overview): inline style only, no script, no
/// external resource, laid out to print on A4, every text escaped.
public struct HTMLPage: Sendable, Equatable {
    /// The page's title and heading.
    public var title: String
    /// The line under the heading.
    public var subtitle: String
    /// The page's content, already HTML.
    public var body: String
    /// The language the page is written in, for its `lang` attribute.
    public var language: Language

    /// A page titled `title`, with `subtitle` under the heading and `body` (already HTML),
    /// written in `language`.
    public init(title: String, subtitle: String, body: String, language: Language = .english) {
        self.title = title
        self.subtitle = subtitle
        self.body = body
        self.language = language
    }

    /// The colour of published bars; tests look for it in screenshots.
    public static let barColour = "#1f5fa0"

    /// The whole document, starting with `<!DOCTYPE html>`.
    public func rendered() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
        main { max-width: 180mm; margin: 0 auto; padding: 8mm 4mm; }
        h1 { font-size: 1.5em; margin: 0 0 0.3em; }
        h2 { font-size: 1.2em; margin: 1.4em 0 0.4em; break-after: avoid; }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; break-after: avoid; }
        p { margin: 0.3em 0; line-height: 1.4; }
        .meta, .note { color: #444; font-size: 0.9em; }
        figure { margin: 0.6em 0 1em; break-inside: avoid; }
        figcaption { font-size: 0.9em; color: #333; margin-top: 0.2em; }
        svg { width: 100%; height: auto; display: block; }
        table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1em; break-inside: auto; }
        th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; }
        thead th { background: #eef2f7; }
        tr { break-inside: avoid; }
        .total { font-weight: bold; }
        .suppressed { color: #777; font-style: italic; }
        .ok { color: #196c2e; font-weight: bold; } .alert { color: #a4161a; font-weight: bold; }
        .count { font-weight: normal; color: #5b6474; font-size: 0.9em; }
        .small { color: #5b6474; font-size: 0.85em; overflow-wrap: anywhere; }
        table.text td, table.text th { text-align: left; }
        dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.2em; margin: 0.6em 0; }
        dl.summary dt { font-weight: bold; }
        dl.summary dd { margin: 0; }
        @media print { main { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
        </style>
        </head>
        <body>
        <main>
        <h1>\(Self.escape(title))</h1>
        <p class="meta">\(Self.escape(subtitle))</p>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A paragraph of escaped `text`, with an optional CSS class.
    public static func paragraph(_ text: String, class name: String? = nil) -> String {
        "<p\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>\n"
    }

    /// A table of plain-text cells, left-aligned.
    public static func table(columns: [String], rows: [[String]]) -> String {
        var html =
            "<table class=\"text\">\n<thead><tr>" + columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A titled section with the number of rows in its heading, holding a table, or the
    /// sentence `empty` when there is no row.
    public static func section(_ title: String, empty: String, columns: [String], rows: [[String]]) -> String {
        "<h2>\(escape(title)) <span class=\"count\">\(rows.count)</span></h2>\n"
            + (rows.isEmpty ? paragraph(empty, class: "small") : table(columns: columns, rows: rows))
    }

    /// `text` with the characters HTML gives a meaning to escaped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
