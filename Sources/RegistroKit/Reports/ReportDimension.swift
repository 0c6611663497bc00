import Foundation

/// A dimension a delivery report can be broken down by.
///
/// Every value of a dimension is a short code, never a personal field: organisations and
/// territories by slug, services by code, people only through coarse statistical fields.
/// A missing value is reported as `unknown` (for vulnerabilities, a person with none counts
/// under `none`).
public enum ReportDimension: String, CaseIterable, Sendable {
    /// The delivering organisation.
    case org
    /// The territory of the delivering organisation.
    case territory
    /// The axis of the service delivered (housing, lavoro, poverta_educativa…).
    case axis
    /// The service code of the nomenclature.
    case serviceCode = "service_code"
    /// The referral channel.
    case channel
    /// The outcome recorded with the delivery.
    case outcome
    /// The person's sex (`F`, `M`, `X`).
    case sex
    /// The person's age at the delivery: the delivery's year minus the birth year, in bands.
    case ageBand = "age_band"
    /// The person's citizenship (`IT`, `EU`, `EXTRA_EU`).
    case citizenship
    /// The person's vulnerabilities, as recorded by any organisation: a person with several
    /// counts once under each of them.
    case vulnerability
    /// The delivery's month, `YYYY-MM`.
    case month
    /// The delivery's quarter, `YYYY-Qn`.
    case quarter
    /// The delivery's year, `YYYY`.
    case year
    /// The project (funding line) of the delivery.
    case project

    /// The age bands of `age_band`, in order, then `unknown` for people without a birth year.
    public static let ageBands = ["0-17", "18-29", "30-49", "50-64", "65+", unknownValue]

    /// The value reported where a delivery or a person has none.
    public static let unknownValue = "unknown"

    /// The value of `vulnerability` for a person with no vulnerability recorded.
    public static let noVulnerability = "none"

    /// The dimensions named in a comma-separated list such as `org,axis`.
    ///
    /// - Parameters:
    ///   - text: The list, comma-separated.
    ///   - field: The field it was given in, for messages.
    /// - Throws: `RegistroError` (usage) for an empty list, an unknown or repeated dimension,
    ///   or more than `maximumCount` dimensions.
    public static func list(_ text: String, field: RegistroField = .dimensions) throws -> [ReportDimension] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.allSatisfy(\.isEmpty) else {
            throw RegistroError.usage(
                field, "needs at least one dimension, e.g. `org,axis`; dimensions: \(allNames)",
                key: .reportNoDimension(names: allNames))
        }
        var dimensions: [ReportDimension] = []
        for name in names {
            guard let dimension = ReportDimension(rawValue: name) else {
                throw RegistroError.usage(
                    field, "`\(name)` is not a dimension; use one of \(allNames)",
                    key: .reportUnknownDimension(name, names: allNames))
            }
            guard !dimensions.contains(dimension) else {
                throw RegistroError.usage(
                    field, "`\(name)` is named twice; name each dimension once", key: .reportDimensionTwice(name))
            }
            dimensions.append(dimension)
        }
        guard dimensions.count <= maximumCount else {
            throw RegistroError.usage(
                field, "at most \(maximumCount) dimensions at once; drop some, or run several reports",
                key: .reportTooManyDimensions(maximum: maximumCount))
        }
        return dimensions
    }

    /// The most dimensions one report may have.
    public static let maximumCount = 4

    private static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The age band of an age in whole years (a negative age, a birth year after the
    /// delivery's, counts as 0-17).
    static func ageBand(_ age: Int) -> String {
        switch age {
        case ..<18: "0-17"
        case ..<30: "18-29"
        case ..<50: "30-49"
        case ..<65: "50-64"
        default: "65+"
        }
    }

    /// Whether `lhs` comes before `rhs` among the values of this dimension: age bands in age
    /// order, everything else by code; `unknown` and `none` last.
    func orders(_ lhs: String, before rhs: String) -> Bool {
        if self == .ageBand, let left = Self.ageBands.firstIndex(of: lhs), let right = Self.ageBands.firstIndex(of: rhs)
        {
            return left < right
        }
        let lhsLast = lhs == Self.unknownValue || lhs == Self.noVulnerability
        let rhsLast = rhs == Self.unknownValue || rhs == Self.noVulnerability
        if lhsLast != rhsLast { return rhsLast }
        return lhs < rhs
    }
}
