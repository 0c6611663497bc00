import Foundation
import RegistroKit

/// A person's case file as one user may see it (`case show`): one block per category, then the
/// deliveries, for a terminal; the published JSON shape for programs. A case file is not one
/// table, so it has no CSV.
public struct CaseFileView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "a case file"

    /// The case file shown.
    public let file: CaseFile

    /// The view of `file`.
    public init(_ file: CaseFile) {
        self.file = file
    }

    /// `beneficiary`, `owner`, `purpose`, `sections` (every category: `visible` with `data`, or
    /// hidden with `reason`), `deliveries`, and `emergency` when read under an emergency access.
    public var json: JSONValue {
        var object: [(String, JSONValue)] = [
            ("beneficiary", .string(file.beneficiary)), ("owner", .string(file.owner)),
            ("purpose", .string(file.purpose)),
            (
                "sections",
                .object(
                    file.sections.map { section in
                        let reason: (String, JSONValue) = ("reason", .string(section.reason))
                        return (
                            section.category.rawValue,
                            section.visible
                                ? .object([("visible", .bool(true)), ("data", .object(section.data)), reason])
                                : .object([("visible", .bool(false)), reason])
                        )
                    })
            ),
            ("deliveries", .array(file.deliveries.map(DeliveryJSON.object))),
        ]
        if let emergency = file.emergency {
            object.append(("emergency", .object([("id", .string(emergency.id)), ("until", .string(emergency.until))])))
        }
        return .object(object)
    }

    /// A heading, one block per category (its fields, or why it is hidden), then the deliveries.
    public var text: String {
        var lines = ["Case file \(file.beneficiary) · owner \(file.owner) · purpose \(file.purpose)"]
        if let emergency = file.emergency {
            lines.append(
                "EMERGENCY ACCESS \(emergency.id), open until \(emergency.until): "
                    + "recorded and flagged for the privacy officer")
        }
        for section in file.sections {
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
                lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + Self.shown(value))
            }
        }
        lines.append("")
        lines.append("Deliveries (\(file.deliveries.count))")
        if !file.deliveries.isEmpty {
            let table = Tabular(
                columns: ["date", "org", "service", "hours", "channel", "outcome", "impact", "project", "notes"],
                rows: file.deliveries.map { delivery in
                    [
                        .string(delivery.date), .string(delivery.org), .string(delivery.serviceCode),
                        delivery.hours.map(JSONValue.double) ?? .null, .text(delivery.channel), .text(delivery.outcome),
                        delivery.impact.map { .int(Int64($0)) } ?? .null, .text(delivery.project),
                        .text(delivery.notes),
                    ]
                })
            lines.append(table.alignedText().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field's value on one line: a list of records as their values joined by ` by `, records
    /// separated by `; ` (e.g. a need and who recorded it); anything else as plain text.
    private static func shown(_ value: JSONValue) -> String {
        guard case .array(let items) = value, items.contains(where: { if case .object = $0 { true } else { false } })
        else { return value.plainText }
        return items.map { item -> String in
            guard case .object(let fields) = item else { return item.plainText }
            return fields.map(\.1.plainText).joined(separator: " by ")
        }.joined(separator: "; ")
    }
}

/// A delivery as JSON, the same in a case file and in a subject export.
enum DeliveryJSON {
    /// `id`, `org`, `service_code`, `date`, then the optional fields, `null` when not recorded.
    static func object(_ delivery: CaseFile.Delivery) -> JSONValue {
        .object([
            ("id", .int(delivery.id)), ("org", .string(delivery.org)), ("service_code", .string(delivery.serviceCode)),
            ("date", .string(delivery.date)), ("hours", delivery.hours.map(JSONValue.double) ?? .null),
            ("channel", .text(delivery.channel)), ("outcome", .text(delivery.outcome)),
            ("impact", delivery.impact.map { .int(Int64($0)) } ?? .null), ("project", .text(delivery.project)),
            ("notes", .text(delivery.notes)),
        ])
    }
}
