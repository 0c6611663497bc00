extension AuditOverview {
    /// The overview as a standalone HTML page: inline style, no script, nothing fetched from
    /// the network, so it can be archived or mailed as it is.
    ///
    /// - Parameter verification: The outcome of verifying the log, shown at the top.
    public func html(verification: AuditVerification) -> String {
        var page = HTMLPage(title: "Registro: audit overview")
        page.heading("Audit overview")
        page.paragraph(
            verification.isValid ? "The audit log verifies." : "The audit log does not verify.",
            class: verification.isValid ? "ok" : "alert")
        page.paragraph(verification.summary, class: "small")
        page.table(
            columns: ["entries", "first", "last", "denials", "last checkpoint"],
            rows: [[
                String(entries), firstTime ?? "", lastTime ?? "", String(denials),
                lastCheckpoint.map { "entry \($0.seq), \($0.time)" } ?? "none",
            ]])
        page.section("Denials by organisation", empty: "No denial.", columns: ["org", "actions", "denials", "last"],
                     rows: denialsByOrganisation.map { [$0.org ?? "", $0.actions.joined(separator: ", "), String($0.count), $0.lastTime] })
        page.section("Denials by user", empty: "No denial.", columns: ["org", "user", "actions", "denials", "last"],
                     rows: denialsByUser.map { [$0.org ?? "", $0.actor ?? "", $0.actions.joined(separator: ", "), String($0.count), $0.lastTime] })
        page.section("Emergency accesses", empty: "No emergency access.",
                     columns: ["seq", "time", "user", "org", "action", "person", "category", "purpose", "emergency", "decision"],
                     rows: emergencyAccesses.map {
                         [String($0.seq), $0.time, $0.actor ?? "", $0.org ?? "", $0.action, $0.subject ?? "", $0.category ?? "",
                          $0.purpose ?? "", $0.emergencyReference ?? "", $0.decision]
                     })
        page.section("Reads of sensitive data", empty: "No read of the sensitive category.",
                     columns: ["seq", "time", "user", "org", "action", "person", "purpose", "consents", "emergency"],
                     rows: sensitiveReads.map {
                         [String($0.seq), $0.time, $0.actor ?? "", $0.org ?? "", $0.action, $0.subject ?? "", $0.purpose ?? "",
                          $0.consents.joined(separator: ", "), $0.emergency ? "yes" : ""]
                     })
        page.section("Reads under consents since withdrawn", empty: "No read relied on a consent withdrawn since.",
                     columns: ["seq", "time", "user", "org", "person", "category", "purpose", "consent", "withdrawn"],
                     rows: readsUnderWithdrawnConsent.map {
                         [String($0.read.seq), $0.read.time, $0.read.actor ?? "", $0.read.org ?? "", $0.read.subject ?? "",
                          $0.read.category ?? "", $0.read.purpose ?? "", $0.consent, $0.revokedAt]
                     })
        return page.finished()
    }
}

/// A small HTML page builder that escapes every text it is given; private to the audit
/// overview, so it does not clash with the reports' renderers.
private struct HTMLPage {
    private var body = ""
    private let title: String

    /// A page titled `title`.
    init(title: String) {
        self.title = title
    }

    /// Adds a main heading.
    mutating func heading(_ text: String) {
        body += "<h1>\(Self.escape(text))</h1>\n"
    }

    /// Adds a paragraph, with a CSS class.
    mutating func paragraph(_ text: String, class name: String? = nil) {
        body += "<p\(name.map { " class=\"\($0)\"" } ?? "")>\(Self.escape(text))</p>\n"
    }

    /// Adds a titled section holding a table, or `empty` when there is no row.
    mutating func section(_ title: String, empty: String, columns: [String], rows: [[String]]) {
        body += "<h2>\(Self.escape(title)) <span class=\"count\">\(rows.count)</span></h2>\n"
        if rows.isEmpty {
            paragraph(empty, class: "small")
        } else {
            table(columns: columns, rows: rows)
        }
    }

    /// Adds a table.
    mutating func table(columns: [String], rows: [[String]]) {
        body += "<table>\n<thead><tr>" + columns.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            body += "<tr>" + row.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
    }

    /// The whole document.
    func finished() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2430; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d4d9e1; }
        .count { font-weight: normal; color: #5b6474; font-size: 0.9rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
        th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e6e9ef; font-variant-numeric: tabular-nums; }
        th { background: #f3f5f8; }
        .ok { color: #196c2e; font-weight: bold; } .alert { color: #a4161a; font-weight: bold; }
        .small { color: #5b6474; font-size: 0.85rem; overflow-wrap: anywhere; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
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
