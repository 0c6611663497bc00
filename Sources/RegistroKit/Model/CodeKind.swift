/// The kinds of reference codes a registry holds, each listed in `Schema/codes/KIND.csv` and
/// stored in the table `KIND_code`.
public enum CodeKind: String, CaseIterable, Sendable {
    /// The service nomenclature (CISIS / SIUSS based), each service on an axis.
    case service
    /// Vulnerabilities a person may present (the `needs` category).
    case vulnerability
    /// Referral channels: who sent the person.
    case channel
    /// Outcomes of a delivery.
    case outcome
    /// Purposes for which data may be shared under consent.
    case purpose

    /// The table holding the codes of this kind.
    var table: String { "\(rawValue)_code" }

    /// The embedded CSV file listing the built-in codes of this kind.
    var resource: String { "Schema/codes/\(rawValue).csv" }

    /// The CSV columns of this kind, in order: also the table's columns besides `local`.
    public var columns: [String] {
        switch self {
        case .service: ["code", "label_it", "label_en", "macro_area", "area_utenza", "axis"]
        case .vulnerability: ["code", "label_it", "label_en", "special"]
        default: ["code", "label_it", "label_en"]
        }
    }
}

/// One reference code with its columns, in the order of `CodeKind.columns`.
public struct ReferenceCode: Sendable, Equatable {
    /// The code itself, e.g. `lavoro_orientamento` or `cpi`.
    public var code: String { values[0] }
    /// The values of every column of the code's kind, `code` first.
    public var values: [String]
    /// Whether the registry added this code itself rather than shipping with it.
    public var isLocal: Bool

    /// Creates a code from its column values.
    public init(values: [String], isLocal: Bool) {
        self.values = values
        self.isLocal = isLocal
    }
}
