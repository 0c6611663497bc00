import Foundation
import Hummingbird

/// A language the pages are written in: Italian first, English second.
public enum PageLanguage: String, CaseIterable, Sendable {
    /// Italian, the default.
    case italian = "it"
    /// English.
    case english = "en"

    /// The cookie that keeps the language chosen with the switch.
    static let cookieName = "registro_lang"

    /// The language of a request: the switch (`?lang=`), then its cookie, then the first
    /// `Accept-Language` tag the pages are written in; Italian when none says.
    static func of(_ request: Request) -> PageLanguage {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(PageLanguage.init(rawValue:)) {
            return chosen
        }
        if let kept = request.cookies[cookieName].flatMap({ PageLanguage(rawValue: $0.value) }) {
            return kept
        }
        return fromAcceptLanguage(request.headers[.acceptLanguage] ?? "")
    }

    /// The first language of an `Accept-Language` header, by quality, that the pages are written
    /// in; Italian when none is.
    public static func fromAcceptLanguage(_ header: String) -> PageLanguage {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, item -> (Double, Int, String)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (quality, index, tag.lowercased())
        }
        for (_, _, tag) in ranked.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) {
            let primary = String(tag.prefix { $0 != "-" })
            if let language = PageLanguage(rawValue: primary) { return language }
        }
        return .italian
    }
}
