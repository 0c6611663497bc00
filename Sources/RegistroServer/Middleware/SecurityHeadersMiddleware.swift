import HTTPTypes
import Hummingbird

/// Adds the security headers to every response: a strict Content-Security-Policy that also
/// forbids framing, `nosniff`, no referrer (the pages: none to other sites), no caching of API
/// answers, and HSTS under TLS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = RegistroRequestContext

    /// Whether the server speaks TLS.
    let usesTLS: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        // The web pages say `same-origin`: under `no-referrer` a browser posts their forms with
        // `Origin: null`, which the same-origin check must refuse.
        if response.headers[.referrerPolicy] == nil {
            response.headers[.referrerPolicy] = "no-referrer"
        }
        response.headers[.cacheControl] = "no-store"
        if usesTLS {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
