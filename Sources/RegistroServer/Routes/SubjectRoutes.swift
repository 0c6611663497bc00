import Hummingbird
import RegistroKit
import RegistroOutput

/// `POST /api/subjects/{id}/export|restrict|unrestrict|erase`: the CLI's `subject` commands,
/// for a person the user has a relationship to (else 404).
struct SubjectRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// `/subjects`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(":id/export", use: export)
        routes.post(":id/restrict", use: restrict)
        routes.post(":id/unrestrict", use: unrestrict)
        routes.post(":id/erase", use: erase)
        return routes
    }

    /// The person's data as `subject export` prints it.
    @Sendable func export(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let user = try context.session()
        let export = try await hidingUnrelated(beneficiary: id) { try await calls.exportSubject(id, by: user) }
        return JSONResponse.make(SubjectExportView(export).json)
    }

    /// `{"reason"}` → 204.
    @Sendable func restrict(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let reason = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["reason"]).string(
            "reason")
        let user = try context.session()
        try await hidingUnrelated(beneficiary: id) { try await calls.restrictSubject(id, reason: reason, by: user) }
        return JSONResponse.noContent()
    }

    /// 204.
    @Sendable func unrestrict(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["reason"])
        let user = try context.session()
        try await hidingUnrelated(beneficiary: id) { try await calls.unrestrictSubject(id, by: user) }
        return JSONResponse.noContent()
    }

    /// `{"reason"}` → `{"erased", "recipients"}`: the organisations that received the person's
    /// data, which must be told.
    @Sendable func erase(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let reason = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["reason"]).string(
            "reason")
        let user = try context.session()
        let recipients = try await hidingUnrelated(beneficiary: id) {
            try await calls.eraseSubject(id, reason: reason, by: user)
        }
        return JSONResponse.make(
            .object([("erased", .string(id)), ("recipients", .array(recipients.map(JSONValue.string)))]))
    }
}
