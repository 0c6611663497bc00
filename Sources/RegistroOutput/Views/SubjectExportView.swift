import RegistroKit

/// Everything the registry holds about a person, for them (`subject export`, GDPR art. 15 and
/// 20): a machine-readable JSON document only, for the person to keep or take elsewhere.
public struct SubjectExportView: OutputView {
    /// What the view shows, for sentences.
    public static let noun = "a subject export"

    /// The export shown.
    public let export: SubjectExport

    /// The view of `export`.
    public init(_ export: SubjectExport) {
        self.export = export
    }

    /// `beneficiary`, `owner`, `recorded_at`, `ref`, `personal_data`, `statistical_data`,
    /// `vulnerabilities`, `special_vulnerabilities`, `deliveries`, `consents`, `recipients`, `exported_at`.
    public var json: JSONValue {
        let export = export
        let statistics = export.statisticalData
        return .object([
            ("beneficiary", .string(export.beneficiary)),
            ("owner", .string(export.owner)),
            ("recorded_at", .string(export.recordedAt)),
            ("ref", .text(export.ref)),
            ("personal_data", .object(export.personalData.map { ($0.name, .text($0.value)) })),
            (
                "statistical_data",
                .object([
                    ("sex", .text(statistics.sex)), ("birth_year", statistics.birthYear.map(JSONValue.int) ?? .null),
                    ("citizenship", .text(statistics.citizenship)), ("comune", .text(statistics.comune)),
                ])
            ),
            ("vulnerabilities", .array(export.vulnerabilities.map(Self.need))),
            ("special_vulnerabilities", .array(export.specialVulnerabilities.map(Self.need))),
            ("deliveries", .array(export.deliveries.map(DeliveryJSON.object))),
            ("consents", .array(export.consents.map(ConsentGrantJSON.object))),
            ("recipients", .array(export.recipients.map(JSONValue.string))),
            ("exported_at", .string(export.exportedAt)),
        ])
    }

    /// A need as `code` and `recorded_by`.
    private static func need(_ need: SubjectExport.Need) -> JSONValue {
        .object([("code", .string(need.code)), ("recorded_by", .string(need.recordedBy))])
    }
}
