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
        if setsOwn {
            for field in fields { response.headers[field.name] = field.value }
            if !hasReferrerPolicy { response.headers[.referrerPolicy] = Self.noReferrer.value }
        } else {
            // The usual case, nothing to replace: the fields made once, appended in one go.
            let noReferrer = usesTLS ? Self.tlsWithNoReferrer : Self.plainWithNoReferrer
            response.headers.append(contentsOf: hasReferrerPolicy ? fields : noReferrer)
        }
        return response
    }

    /// The headers set on every response, in order: a strict Content-Security-Policy that also
    /// forbids framing, `nosniff`, and no caching.
    private static let fields: [HTTPField] = [
        HTTPField(name: .contentSecurityPolicy, value: "default-src 'self'; frame-ancestors 'none'"),
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: .cacheControl, value: "no-store"),
    ]
    /// The same and HSTS, under TLS.
    private static let tlsFields =
        fields + [HTTPField(name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains")]
    /// Their names.
    private static let names = tlsFields.map(\.name)
    /// The referrer policy of a response that sets none.
    private static let noReferrer = HTTPField(name: .referrerPolicy, value: "no-referrer")
    private static let plainWithNoReferrer = withNoReferrer(fields)
    private static let tlsWithNoReferrer = withNoReferrer(tlsFields)

    /// `fields` with `Referrer-Policy: no-referrer` after `nosniff`.
    private static func withNoReferrer(_ fields: [HTTPField]) -> [HTTPField] {
        Array(fields[..<2]) + [noReferrer] + fields[2...]
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
