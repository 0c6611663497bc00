import Hummingbird
import RegistroKit

/// `GET /api/me` and the API tokens: `POST /api/tokens`, `GET /api/tokens`,
/// `DELETE /api/tokens/{id}`.
struct AccountRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// `GET /me`.
    var me: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(use: showMe)
        return routes
    }

    /// `/tokens`.
    var tokens: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: createToken)
        routes.get(use: listTokens)
        routes.delete(":id", use: revokeToken)
        return routes
    }

    /// `{"user", "name", "org", "role", "credential", "csrf"?}`.
    @Sendable func showMe(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let user = try context.user()
        var members: [(String, JSONValue)] = [
            ("user", .string(user.id)), ("name", .string(user.name)), ("org", .string(user.org)),
            ("role", .string(user.role.rawValue)),
        ]
        switch context.identity?.credential {
        case .session(let csrf): members += [("credential", .string("session")), ("csrf", .string(csrf))]
        case .apiToken(let id): members += [("credential", .string("token")), ("token_id", .string(id))]
        case nil: break
        }
        return JSONResponse.make(.object(members))
    }

    /// `{"name", "expires_in_days"}` → 201 `{"id", "token", "expires_at"}`: the token shown once.
    @Sendable func createToken(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let user = try context.user()
        let body = try await JSONBody.read(
            request, limit: settings.maximumJSONBytes, allowed: ["name", "expires_in_days"])
        let days = try body.optionalInt("expires_in_days") ?? 30
        let token = try await calls.createAPIToken(for: user, name: try body.string("name"), days: days)
        return JSONResponse.make(
            .object([
                ("id", .string(token.id)), ("token", .string(token.token)), ("expires_at", .string(token.expiresAt)),
            ]),
            status: .created)
    }

    /// `[{"id", "name", "created_at", "expires_at", "revoked_at"}]`, never the tokens.
    @Sendable func listTokens(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let tokens = try await calls.apiTokens(of: try context.user())
        return JSONResponse.make(
            .array(
                tokens.map {
                    .object([
                        ("id", .string($0.id)), ("name", .string($0.name)), ("created_at", .string($0.createdAt)),
                        ("expires_at", .string($0.expiresAt)), ("revoked_at", .text($0.revokedAt)),
                    ])
                }))
    }

    /// 204, or 404 for a token that is not the user's own active one.
    @Sendable func revokeToken(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            try await calls.revokeAPIToken(id, by: try context.user())
        } catch let error as RegistroError where error.kind == .notFound {
            throw ServerError.notFound("active token `\(id)`")
        }
        return JSONResponse.noContent()
    }
}
