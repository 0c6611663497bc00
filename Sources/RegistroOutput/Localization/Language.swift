import Foundation

/// A language the registry speaks to people in: Italian and English. The web pages default to
/// Italian; the command line follows the locale of its environment and defaults to English.
public enum Language: String, CaseIterable, Sendable {
    /// Italian.
    case italian = "it"
    /// English.
    case english = "en"

    /// The first language of an `Accept-Language` header, by quality, that the registry speaks;
    /// Italian when none is.
    public static func fromAcceptLanguage(_ header: String) -> Language {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, item -> (Double, Int, String)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (quality, index, tag.lowercased())
        }
        for (_, _, tag) in ranked.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) {
            let primary = String(tag.prefix { $0 != "-" })
            if let language = Language(rawValue: primary) { return language }
        }
        return .italian
    }

    /// The language of messages in a POSIX locale environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides; Italian when its language
    /// is `it` (`it_IT.UTF-8`, `it_CH`, `it`), English otherwise (`C`, `POSIX`, `en_GB`, unset).
    public static func fromLocale(environment: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        let primary = locale.map { String($0.prefix { $0.isLetter }).lowercased() }
        return primary == Language.italian.rawValue ? .italian : .english
    }
}
