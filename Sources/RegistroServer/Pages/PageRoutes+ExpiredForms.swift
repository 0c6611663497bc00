import Foundation
import Hummingbird
import RegistroKit

/// What happens to a form posted after its session expired: kept for the session's user, to be
/// shown again, filled in, on the page it came from once they log in again.
extension PageRoutes {
    /// Keeps the form of `request`, posted after its session expired, for the session's user: only
    /// a form from this server's pages (same origin, the session cookie, the CSRF token of that
    /// cookie's session) of a session used within a session's lifetime (known to the database, so
    /// also when the server restarted since), with something typed besides the token, from a
    /// page that shows a kept form again. Files are not kept. The form comes back on the page it
    /// was posted from (the same-origin `Referer`, or its own address).
    func keepExpired(_ request: Request) async throws -> Bool {
        try AuthenticationMiddleware.requireSameOrigin(request, usesTLS: settings.usesTLS)
        let page = formPage(request)
        guard let token = request.cookies[settings.sessionCookieName]?.value, !token.isEmpty,
            Self.showsKeptForms(page)
        else { return false }
        let form = try await FormBody.read(request, limit: KeptForms.maximumCharacters + 4096)
        let csrf = Accounts.csrf(ofSessionToken: token)
        guard form["csrf"] == csrf, let userID = try await calls.userOfRecentSession(token: token) else {
            return false
        }
        var values = form.values
        values["csrf"] = nil
        guard values.values.contains(where: { $0.contains { !$0.isEmpty } }) else { return false }
        return keptForms.keep(values, from: page, for: userID)
    }

    /// The pages whose forms are filled in again with what was kept: a new person, service,
    /// consent or user, a case file's emergency access, the review of emergency accesses.
    static func showsKeptForms(_ page: String) -> Bool {
        let parts = page.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "" else { return false }
        return ["/persone/nuova", "/prestazioni/nuova", "/consensi/nuovo", "/utenti", "/emergenze"].contains(page)
            || (parts.count == 3 && parts[1] == "persone" && !parts[2].isEmpty && parts[2] != "cerca")
    }

    /// The page a posted form came from: the path of a same-origin `Referer`, else the form's
    /// own address.
    func formPage(_ request: Request) -> String {
        let origin = "\(settings.usesTLS ? "https" : "http")://\(request.head.authority ?? "")/"
        if let referer = request.headers[.referer], referer.hasPrefix(origin),
            let path = URLComponents(string: referer)?.path, path.hasPrefix("/"), !path.hasPrefix("//")
        {
            return path
        }
        return request.uri.path
    }
}
