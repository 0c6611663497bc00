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
        // The web pages say `same-origin`: under `no-referrer` a browser posts their forms with
        // `Origin: null`, which the same-origin check must refuse.
        var hasReferrerPolicy = false
        var setsOwn = false
        for field in response.headers {
            if field.name == .referrerPolicy {
                hasReferrerPolicy = true
            } else if Self.names.contains(field.name) {
                setsOwn = true
            }
        }
        let fields = usesTLS ? Self.tlsFields : Self.fields
        // The last field is the referrer policy, for a response that sets none.
        let added = hasReferrerPolicy ? fields.dropLast() : fields[...]
        if setsOwn {
            for field in added { response.headers[field.name] = field.value }
        } else {
            // The usual case, nothing to replace: the fields made once, appended in one go.
            response.headers.append(contentsOf: added)
        }
        return response
    }

    /// The headers set on every response, the referrer policy last (left out when the response
    /// has its own): a strict Content-Security-Policy that also forbids framing, `nosniff`, no
    /// caching, no referrer.
    private static let fields = [contentSecurityPolicy, noSniff, noStore, noReferrer]
    /// The same and HSTS, under TLS.
    private static let tlsFields = [contentSecurityPolicy, noSniff, noStore, strictTransportSecurity, noReferrer]
    /// The names of the fields that replace a handler's own (the referrer policy never does).
    private static let names = tlsFields.dropLast().map(\.name)

    private static let contentSecurityPolicy = HTTPField(
        name: .contentSecurityPolicy, value: "default-src 'self'; frame-ancestors 'none'")
    private static let noSniff = HTTPField(name: .xContentTypeOptions, value: "nosniff")
    private static let noStore = HTTPField(name: .cacheControl, value: "no-store")
    private static let strictTransportSecurity = HTTPField(
        name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains")
    private static let noReferrer = HTTPField(name: .referrerPolicy, value: "no-referrer")
}

extension HTTPField.Name {
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
