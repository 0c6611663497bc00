import Foundation

extension CaseFile {
    /// The case file as the JSON of SPEC §8: `beneficiary`, `owner`, `purpose`, `sections`
    /// (every category: `visible` with `data`, or hidden with `reason`), `deliveries`.
    public var json: JSONValue {
        var object: [(String, JSONValue)] = [
            ("beneficiary", .string(beneficiary)), ("owner", .string(owner)), ("purpose", .string(purpose)),
            ("sections", .object(sections.map { section in
                (section.category.rawValue, section.visible
                    ? .object([("visible", .bool(true)), ("data", .object(section.data)), ("reason", .string(section.reason))])
                    : .object([("visible", .bool(false)), ("reason", .string(section.reason))]))
            })),
            ("deliveries", .array(deliveries.map(\.json))),
        ]
        if let emergency {
            object.append(("emergency", .object([("id", .string(emergency.id)), ("until", .string(emergency.until))])))
        }
        return .object(object)
    }

    /// A readable layout for a terminal: one block per category, then the deliveries.
    public var text: String {
        var lines = ["Case file \(beneficiary) · owner \(owner) · purpose \(purpose)"]
        if let emergency {
            lines.append("EMERGENCY ACCESS \(emergency.id), open until \(emergency.until): recorded and flagged for the privacy officer")
        }
        for section in sections {
            lines.append("")
            let title = section.category.rawValue.capitalized
            guard section.visible else {
                lines.append("\(title): hidden, \(section.reason)")
                continue
            }
            lines.append(title)
            let recorded = section.data.filter { $0.1 != .null && $0.1 != .array([]) }
            if recorded.isEmpty {
                lines.append("  (nothing recorded)")
            }
            for (key, value) in recorded {
                let label = key.replacingOccurrences(of: "_", with: " ")
                let shown: String
                if case .array(let items) = value, items.contains(where: { if case .object = $0 { true } else { false } }) {
                    shown = items.map { item -> String in
                        guard case .object(let fields) = item else { return item.plainText }
                        return fields.map(\.1.plainText).joined(separator: " by ")
                    }.joined(separator: "; ")
                } else {
                    shown = value.plainText
                }
                lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + shown)
            }
        }
        lines.append("")
        lines.append("Deliveries (\(deliveries.count))")
        if !deliveries.isEmpty {
            let table = Tabular(
                columns: ["date", "org", "service", "hours", "channel", "outcome", "impact", "project", "notes"],
                rows: deliveries.map { delivery in
                    [.string(delivery.date), .string(delivery.org), .string(delivery.serviceCode),
                     delivery.hours.map(JSONValue.double) ?? .null, .text(delivery.channel), .text(delivery.outcome),
                     delivery.impact.map { .int(Int64($0)) } ?? .null, .text(delivery.project), .text(delivery.notes)]
                })
            lines.append(table.rendered(as: .table).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }
}

extension CaseFile.Delivery {
    /// The delivery as JSON: `id`, `org`, `service_code`, `date`, then the optional fields.
    var json: JSONValue {
        .object([
            ("id", .int(id)), ("org", .string(org)), ("service_code", .string(serviceCode)), ("date", .string(date)),
            ("hours", hours.map(JSONValue.double) ?? .null), ("channel", .text(channel)), ("outcome", .text(outcome)),
            ("impact", impact.map { .int(Int64($0)) } ?? .null), ("project", .text(project)), ("notes", .text(notes)),
        ])
    }
}
