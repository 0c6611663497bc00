import Hummingbird
import RegistroOutput

extension Language {
    /// The cookie that keeps the language chosen with the switch.
    static let cookieName = "registro_lang"

    /// The language of a request: the switch (`?lang=`), then its cookie, then the first
    /// `Accept-Language` tag the pages are written in; Italian when none says.
    static func of(_ request: Request) -> Language {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) {
            return chosen
        }
        if let kept = request.cookies[cookieName].flatMap({ Language(rawValue: $0.value) }) {
            return kept
        }
        return fromAcceptLanguage(request.headers[.acceptLanguage] ?? "")
    }
}
