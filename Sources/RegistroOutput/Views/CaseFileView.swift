import Foundation
import RegistroKit

/// A person's case file as one user may see it (`case show`): one block per category, then the
/// deliveries, for a terminal, in the view's language with the code lists' labels; the published
/// JSON shape, with codes, for programs. A case file is not one table, so it has no CSV.
public struct CaseFileView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "a case file"

    /// The case file shown.
    public let file: CaseFile
    /// The language of the text rendering.
    public let language: Language

    /// The view of `file`, its text in `language`.
    public init(_ file: CaseFile, language: Language = .english) {
        self.file = file
        self.language = language
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

    /// A heading, one block per category (its fields, or why it is hidden), then the deliveries;
    /// dates, hours, purposes, services, channels and outcomes as people read them.
    public var text: String {
        let catalogue = Catalogue.of(language)
        let purpose = catalogue.label(.purpose, file.purpose)
        var lines = [
            catalogue.text("case_file_heading", ["id": file.beneficiary, "owner": file.owner, "purpose": purpose])
        ]
        if let emergency = file.emergency {
            lines.append(
                catalogue.text("case_emergency", ["id": emergency.id, "until": catalogue.time(emergency.until)]))
        }
        for section in file.sections {
            lines.append("")
            let title = catalogue.strings["category_\(section.category.rawValue)"] ?? section.category.rawValue
            guard section.visible else {
                lines.append(
                    catalogue.text(
                        "case_hidden_because", ["section": title, "reason": catalogue.hiddenReason(section.reason)]))
                continue
            }
            lines.append(title)
            let recorded = section.data.filter { $0.1 != .null && $0.1 != .array([]) }
            if recorded.isEmpty {
                lines.append("  " + catalogue["case_nothing_recorded"])
            }
            let labels = recorded.map {
                catalogue.strings["case_field_\($0.0)"] ?? $0.0.replacingOccurrences(of: "_", with: " ")
            }
            let width = max(16, (labels.map(\.count).max() ?? 0) + 2)
            for ((key, value), label) in zip(recorded, labels) {
                let shown = Self.shown(value, field: key, catalogue)
                lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + shown)
            }
        }
        lines.append("")
        lines.append(catalogue.text("case_deliveries_count", ["count": String(file.deliveries.count)]))
        if !file.deliveries.isEmpty {
            let keys = ["date", "org", "service", "hours", "channel", "outcome", "impact", "project", "notes"]
            let table = Tabular(
                columns: keys.map { catalogue["column_\($0)"] },
                rows: file.deliveries.map { delivery in
                    [
                        .string(catalogue.date(delivery.date)), .string(delivery.org),
                        .string(catalogue.label(.service, delivery.serviceCode)),
                        delivery.hours.map { .string(catalogue.number($0)) } ?? .null,
                        .text(delivery.channel.map { catalogue.label(.channel, $0) }),
                        .text(delivery.outcome.map { catalogue.label(.outcome, $0) }),
                        delivery.impact.map { .int(Int64($0)) } ?? .null, .text(delivery.project),
                        .text(delivery.notes),
                    ]
                })
            lines.append(table.alignedText().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field's value on one line: a list of records as their values joined by ` · `, records
    /// separated by `; ` (e.g. a need and who recorded it); vulnerabilities, sex and citizenship
    /// by their labels, dates and numbers as the language writes them; anything else as text.
    private static func shown(_ value: JSONValue, field: String, _ catalogue: Catalogue) -> String {
        let vulnerability = field == "vulnerabilities" || field == "special_vulnerabilities"
        if field == "sex" || field == "citizenship", case .string(let code) = value {
            return catalogue.strings["\(field)_\(code.lowercased())"] ?? code
        }
        guard case .array(let items) = value else { return catalogue.value(value) }
        return items.map { item -> String in
            switch item {
            case .object(let fields):
                return fields.enumerated().map { index, pair in
                    index == 0 && vulnerability
                        ? catalogue.label(.vulnerability, pair.1.plainText) : catalogue.value(pair.1)
                }.joined(separator: " · ")
            case .string(let code) where vulnerability: return catalogue.label(.vulnerability, code)
            default: return catalogue.value(item)
            }
        }.joined(separator: vulnerability ? "; " : ", ")
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
