/// A standalone HTML page for reports: inline style only, no script, no external resource,
/// laid out to print on A4.
struct HTMLPage {
    /// The page's title and heading.
    var title: String
    /// The line under the heading.
    var subtitle: String
    /// The page's content, already HTML.
    var body: String

    /// The colour of published bars; tests look for it in screenshots.
    static let barColour = "#1f5fa0"

    /// The whole document.
    func rendered() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
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

    /// `text` with the characters HTML gives a meaning to escaped.
    static func escape(_ text: String) -> String {
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
