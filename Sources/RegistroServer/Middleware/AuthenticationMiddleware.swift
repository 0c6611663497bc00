import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import RegistroKit

/// Establishes who sends a request to `/api/`: an API token (`Authorization: Bearer`) or the
/// session cookie. Without either, or with one that is not live, the answer is 401.
///
/// A state-changing request authenticated by cookie must also come from the server's own
/// origin (`Origin`) and carry the session's CSRF token (`X-CSRF-Token`, or the form field
/// `csrf`); else 403. Tokens need neither: a browser never sends them on its own.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RegistroRequestContext

    /// The library calls.
    let calls: RegistryCalls
    /// The server's settings: cookie name, scheme.
    let settings: ServerSettings

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        var request = request
        if let bearer = request.headers.bearer {
            guard let signedIn = try await calls.user(forAPIToken: bearer.token) else {
                throw ServerError.unauthenticated
            }
            context.identity = signedIn
            context.signedInUserID.value = signedIn.user.id
        } else if let token = request.cookies[settings.sessionCookieName]?.value, !token.isEmpty {
            guard let signedIn = try await calls.user(forSessionToken: token) else {
                throw ServerError.unauthenticated
            }
            context.identity = signedIn
            context.sessionToken = token
            context.signedInUserID.value = signedIn.user.id
            if case .session(let csrf) = signedIn.credential, Self.changesState(request.method) {
                try Self.requireSameOrigin(request, usesTLS: settings.usesTLS)
                request = try await Self.requireCSRFToken(csrf, request)
            }
        } else {
            throw ServerError.unauthenticated
        }
        return try await next(request, context)
    }

    /// Whether a request of `method` may change state.
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// Refuses a request whose `Origin` is missing or is not the server's own.
    static func requireSameOrigin(_ request: Request, usesTLS: Bool) throws {
        let host = request.head.authority
        guard let origin = request.headers[.origin], let host, origin == "\(usesTLS ? "https" : "http")://\(host)"
        else {
            throw ServerError(
                .forbidden, "cross_origin",
                "a request that changes data must come from this server's own pages (Origin)")
        }
    }

    /// Refuses a request without the session's CSRF token in the header or a form field; returns
    /// the request, its form body read into memory when the token was looked for there.
    static func requireCSRFToken(_ expected: String, _ request: Request) async throws -> Request {
        if let given = request.headers[.csrfToken] {
            guard given == expected else { throw csrfRefusal }
            return request
        }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw csrfRefusal
        }
        var copy = request
        let body = try await copy.collectBody(upTo: 1024 * 1024)
        let form = String(buffer: body).split(separator: "&").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]).removingPercentEncoding ?? "")
        }
        guard form.contains(where: { $0.0 == "csrf" && $0.1 == expected }) else { throw csrfRefusal }
        return copy
    }

    private static let csrfRefusal = ServerError(
        .forbidden, "csrf", "a request that changes data must carry the session's CSRF token (X-CSRF-Token or csrf)")
}

extension HTTPField.Name {
    /// `X-CSRF-Token`.
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
