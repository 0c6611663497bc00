import Hummingbird
import RegistroKit

/// The users of an admin's own organisation: `POST /api/users`, `GET /api/users`,
/// `POST /api/users/{id}/password`, `POST /api/users/{id}/disable`.
struct UserRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// `/users`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: add)
        routes.get(use: list)
        routes.post(":id/password", use: setPassword)
        routes.post(":id/disable", use: disable)
        return routes
    }

    /// `{"id", "name", "role", "password"?}` → 201 `{"id", "org", "one_time_password"}`: a
    /// user of the admin's organisation, whose one-time password (given, or made here) must be
    /// changed at the first login.
    @Sendable func add(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let session = try context.session()
        let body = try await JSONBody.read(
            request, limit: settings.maximumJSONBytes, allowed: ["id", "name", "role", "password"])
        let id = try body.string("id")
        let role = try Role.parse(try body.string("role"), field: "role")
        let password = try body.optionalString("password") ?? Accounts.newOneTimePassword()
        try await calls.addUser(
            id: id, name: try body.string("name"), role: role, oneTimePassword: password, by: session)
        return JSONResponse.make(
            .object([
                ("id", .string(id)), ("org", .string(session.user.org)), ("one_time_password", .string(password)),
            ]),
            status: .created)
    }

    /// `[{"id", "name", "org", "role"}]` of the admin's organisation.
    @Sendable func list(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let admin = try context.user()
        let users = try await calls.users(of: admin)
        return JSONResponse.make(
            .array(
                users.map {
                    .object([
                        ("id", .string($0.id)), ("name", .string($0.name)), ("org", .string($0.org)),
                        ("role", .string($0.role.rawValue)),
                    ])
                }))
    }

    /// `{"password"?}` → `{"id", "one_time_password"}`: a new one-time password.
    @Sendable func setPassword(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["password"])
        let password = try body.optionalString("password") ?? Accounts.newOneTimePassword()
        try await hidingOtherOrganisations(id) {
            try await calls.setOneTimePassword(password, for: id, by: try context.user())
        }
        return JSONResponse.make(.object([("id", .string(id)), ("one_time_password", .string(password))]))
    }

    /// 204: the account disabled, its sessions and tokens ended.
    @Sendable func disable(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await hidingOtherOrganisations(id) { try await calls.disable(id, by: try context.user()) }
        return JSONResponse.noContent()
    }

    /// Answers 404 for a user outside the admin's organisation, as for one that does not exist.
    private func hidingOtherOrganisations(_ id: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RegistroError where error.kind == .notFound {
            throw ServerError.notFound("user `\(id)`")
        }
    }
}
