import RegistroKit

extension Catalogue {
    /// The label of `code` of `kind` in this language, as `Schema/codes/` lists it; the code
    /// itself for a code the registry added on its own (`LOC.…`, `loc_…`) or does not know.
    public func label(_ kind: CodeKind, _ code: String) -> String {
        guard let known = CodeLabels.shared.codes[kind]?[code] else { return code }
        return label(of: known)
    }

    /// The label of a code the registry lists, built-in or its own, in this language.
    public func label(of code: ReferenceCode) -> String {
        language == .italian ? code.italianLabel : code.englishLabel
    }

    /// The name of a report dimension, e.g. `Fascia d'età` for `age_band`.
    public func dimension(_ dimension: ReportDimension) -> String {
        strings["dimension_\(dimension.rawValue)"] ?? dimension.rawValue
    }

    /// The name of a report measure, e.g. `Persone` for `beneficiaries`.
    public func measure(_ measure: ReportMeasure) -> String {
        strings["measure_\(measure.rawValue)"] ?? measure.rawValue
    }

    /// A value of a report dimension as people read it: `Totale` for a total, the label of a
    /// code, an axis, a sex or a citizenship, `non indicato` for an unknown value; any other
    /// value (an organisation, a territory, a year) as it is.
    public func dimensionValue(_ dimension: ReportDimension, _ value: String) -> String {
        if value == ReportTable.totalValue { return self["report_total"] }
        if value == ReportDimension.unknownValue { return self["report_unknown"] }
        switch dimension {
        case .axis: return strings["axis_\(value)"] ?? value
        case .serviceCode: return label(.service, value)
        case .channel: return label(.channel, value)
        case .outcome: return label(.outcome, value)
        case .vulnerability:
            return value == ReportDimension.noVulnerability
                ? self["report_no_vulnerability"] : label(.vulnerability, value)
        case .sex: return strings["sex_\(value.lowercased())"] ?? value
        case .citizenship: return strings["citizenship_\(value.lowercased())"] ?? value
        default: return value
        }
    }

    /// A list of names joined as a sentence does: `a, b e c` in Italian, `a, b and c` in English.
    public func list(_ names: [String]) -> String {
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + self["list_and"] + last
    }
}

/// The built-in code lists, read once, by kind and code.
private struct CodeLabels: Sendable {
    static let shared = CodeLabels()

    let codes: [CodeKind: [String: ReferenceCode]]

    private init() {
        var codes: [CodeKind: [String: ReferenceCode]] = [:]
        for kind in CodeKind.allCases {
            let list = (try? kind.builtInCodes()) ?? []
            codes[kind] = Dictionary(list.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.codes = codes
    }
}
