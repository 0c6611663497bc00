import Foundation

/// Every string of the pages in one language, read from `Resources/i18n/LANG.json` as embedded
/// in the binary, with the formats of dates and numbers in that language.
public struct PageCatalogue: Sendable {
    /// The language.
    public let language: PageLanguage
    /// The strings by key.
    public let strings: [String: String]

    /// The catalogue of `language`, as embedded at build time.
    ///
    /// - Throws: `PageCatalogueError` when the catalogue is missing or not a JSON object of strings.
    public static func embedded(_ language: PageLanguage) throws -> PageCatalogue {
        let path = "Resources/i18n/\(language.rawValue).json"
        guard let text = EmbeddedResources.files[path],
            let strings = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        else { throw PageCatalogueError(path: path) }
        return PageCatalogue(language: language, strings: strings)
    }

    /// The string of `key`; the key itself, bracketed, when the catalogue lacks it (which a test
    /// forbids), so that a gap shows instead of breaking the page.
    public subscript(_ key: String) -> String {
        strings[key] ?? "[\(key)]"
    }

    /// The string of `key` with each `{name}` replaced by its value.
    public func text(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    /// An ISO date (`AAAA-MM-GG`, possibly followed by a time) written `GG/MM/AAAA` in Italian
    /// and `DD/MM/YYYY` in English, with the time's hours and minutes when there is one.
    public func date(_ iso: String) -> String {
        let parts = iso.split(separator: "T", maxSplits: 1)
        let day = parts[0].split(separator: "-")
        guard day.count == 3 else { return iso }
        let written = "\(day[2])/\(day[1])/\(day[0])"
        guard parts.count == 2 else { return written }
        return written + " " + parts[1].prefix(5)
    }

    /// A number with a decimal comma in Italian and a decimal point in English, with at most two
    /// decimals and none when it is whole.
    public func number(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: language == .italian ? "it_IT" : "en_GB")
        formatter.minimumFractionDigits = 0
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}

/// A language catalogue that is missing from the binary or is not a JSON object of strings.
public struct PageCatalogueError: Error, CustomStringConvertible {
    /// The catalogue's path.
    public let path: String

    /// One sentence.
    public var description: String {
        "the page catalogue `\(path)` is missing or is not a JSON object of strings; fix the file and rebuild"
    }
}

/// A date typed in a form: `GG/MM/AAAA` (or `G/M/AAAA`), or already `AAAA-MM-GG`.
enum TypedDate {
    /// The ISO form the library reads, or the text unchanged for the library to refuse with its
    /// own reason.
    static func iso(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), parts[2].count == 4,
            let year = Int(parts[2])
        else { return trimmed }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
