import Foundation
import Hummingbird
import Mustache
import RegistroKit
import RegistroOutput

/// Draws the pages from the templates of `Resources/templates/` embedded in the binary, in the
/// language of the request, with the signed-in user's menu and CSRF token.
struct PageRenderer: Sendable {
    /// The templates by name (the file name without `.mustache`).
    let library: MustacheLibrary
    /// The catalogue of each language.
    let catalogues: [Language: Catalogue]

    /// The renderer of the embedded templates and catalogues.
    ///
    /// - Throws: a template that does not parse, or a catalogue that does not load.
    init() throws {
        var library = MustacheLibrary()
        let prefix = "Resources/templates/"
        for (path, text) in EmbeddedResources.files where path.hasPrefix(prefix) && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst(prefix.count).dropLast(".mustache".count))
            try library.register(text, named: name)
        }
        self.library = library
        var catalogues: [Language: Catalogue] = [:]
        for language in Language.allCases { catalogues[language] = try Catalogue.embedded(language) }
        self.catalogues = catalogues
    }

    /// The catalogue of `language`.
    func catalogue(_ language: Language) -> Catalogue {
        catalogues[language]!
    }

    /// The page `template` titled by the catalogue's `titleKey`, with `values` besides the common
    /// ones: the catalogue as `t`, the language, the visitor and their menu.
    func page(
        _ template: String, titleKey: String, values: [String: Any] = [:], visit: PageVisit,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let catalogue = catalogue(visit.language)
        var context: [String: Any] = [
            "t": catalogue.strings, "lang": visit.language.rawValue, "title": catalogue[titleKey],
            "timeZoneNote": catalogue.timeZoneNote(),
        ]
        if let visitor = visit.visitor {
            context["csrf"] = visitor.csrf
            context["visitor"] = [
                "name": visitor.user.name, "org": visitor.user.org,
                "roleLabel": catalogue["role_\(visitor.user.role.rawValue)"], "csrf": visitor.csrf,
            ]
            context["menu"] = PageMenu.items(for: visitor.user.role).map {
                ["href": $0.href, "label": catalogue[$0.key]]
            }
            if let expiry = visit.sessionExpiresAt {
                context["sessionExpiry"] = catalogue.text("session_expiry", ["time": DisplayTime.current.clock(expiry)])
            }
            if visit.showsKeptForm { context["notice"] = catalogue["session_form_restored"] }
        }
        context.merge(values) { _, new in new }
        let html = library.render(context, withTemplate: template) ?? ""
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .referrerPolicy: "same-origin"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        if visit.languageChosen {
            response.setCookie(
                Cookie(
                    name: Language.cookieName, value: visit.language.rawValue, maxAge: 365 * 24 * 3600,
                    path: "/", secure: visit.usesTLS, httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

/// The tasks each role finds in its menu, in the order of its work.
enum PageMenu {
    /// The menu of `role`: each item's address and catalogue key.
    static func items(for role: Role) -> [(href: String, key: String)] {
        switch role {
        case .socialWorker:
            [
                ("/persone/cerca", "menu_search"), ("/persone/nuova", "menu_new_person"),
                ("/prestazioni/nuova", "menu_new_service"), ("/importa", "menu_import"),
                ("/consensi/nuovo", "menu_consent"),
            ]
        case .coordinator:
            [
                ("/condivise", "menu_shared"), ("/persone/cerca", "menu_search"), ("/report", "menu_report"),
                ("/scheda", "menu_sheet"),
            ]
        case .privacyOfficer:
            [("/audit", "menu_audit"), ("/emergenze", "menu_emergencies"), ("/report", "menu_report")]
        case .admin: [("/utenti", "menu_users"), ("/report", "menu_report")]
        }
    }
}
