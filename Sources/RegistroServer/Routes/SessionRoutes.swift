import Foundation
import Hummingbird
import RegistroKit

/// `POST /api/session` (login, the one `/api/` route open without authentication) and
/// `DELETE /api/session` (logout).
struct SessionRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Cookie name and flags, body limit, login cap.
    let settings: ServerSettings
    /// The cap on concurrent logins per address.
    let limiter: LoginLimiter

    /// The login route, added outside the authenticated group.
    var login: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: logIn)
        return routes
    }

    /// The logout route, inside the authenticated group.
    var logout: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.delete(use: logOut)
        return routes
    }

    /// `{"user", "password", "totp"?, "new_password"?}` → `{"user", "org", "role", "csrf"}`
    /// and the session cookie.
    @Sendable func logIn(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        // A browser says where a form was posted from: a login from another site's page is refused.
        if request.headers[.origin] != nil {
            try AuthenticationMiddleware.requireSameOrigin(request, usesTLS: settings.usesTLS)
        }
        let body = try await JSONBody.read(
            request, limit: settings.maximumJSONBytes, allowed: ["user", "password", "totp", "new_password"])
        let attempt = LoginAttempt(
            user: try body.string("user"), password: try body.string("password"), code: try body.optionalString("totp"),
            newPassword: try body.optionalString("new_password"))
        let grant = try await limiter.run(from: context.clientAddress) { try await calls.logIn(attempt) }
        context.signedInUserID.value = grant.user.id
        var response = JSONResponse.make(
            .object([
                ("user", .string(grant.user.id)), ("org", .string(grant.user.org)),
                ("role", .string(grant.user.role.rawValue)),
                ("csrf", .string(grant.csrf)),
            ]))
        response.setCookie(sessionCookie(value: grant.token, maxAge: Int(settings.accountRules.sessionLifetime)))
        return response
    }

    /// Ends the session of the cookie (or does nothing for a token) and clears the cookie.
    @Sendable func logOut(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let user = try context.user()
        if let token = context.sessionToken {
            try await calls.endSession(token: token, of: user)
        }
        var response = JSONResponse.noContent()
        response.setCookie(sessionCookie(value: "", maxAge: 0))
        return response
    }

    /// The session cookie: `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` under TLS
    /// (where its name has the `__Host-` prefix).
    private func sessionCookie(value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: settings.sessionCookieName, value: value, maxAge: maxAge, path: "/", secure: settings.usesTLS,
            httpOnly: true, sameSite: .strict)
    }
}
