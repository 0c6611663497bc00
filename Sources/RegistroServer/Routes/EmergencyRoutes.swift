import Hummingbird
import RegistroKit
import RegistroOutput

/// `GET /api/emergency-accesses` and `POST /api/emergency-accesses/{id}/review`: the CLI's
/// `audit emergency --format json` and `audit review`, for the privacy officer of the
/// organisation owning the people whose case files were opened.
struct EmergencyRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// `/emergency-accesses`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(use: list)
        routes.post(":id/review", use: review)
        return routes
    }

    /// The review queue as `audit emergency --format json` prints it, only the accesses waiting
    /// for review with `?status=unreviewed` (or `?unreviewed=true`); 403 for anyone but a
    /// privacy officer.
    @Sendable func list(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let unreviewed: Bool
        switch (query.get("status"), query.get("unreviewed")) {
        case (nil, nil), ("all", nil), (nil, "false"): unreviewed = false
        case ("unreviewed", nil), (nil, "true"): unreviewed = true
        default:
            throw ServerError.badRequest(
                "give `?status=unreviewed` (or `?unreviewed=true`) for the accesses waiting for review, "
                    + "or nothing for all")
        }
        let accesses = try await calls.emergencyAccesses(unreviewed: unreviewed, by: try context.session())
        return JSONResponse.make(EmergencyAccessListView(accesses, unreviewedOnly: unreviewed).json)
    }

    /// `{"note"}` → 204: the review recorded. An access on a person another organisation owns,
    /// or a user who may not review it, is answered 404 as for an id that does not exist; one
    /// reviewed already gets 422.
    @Sendable func review(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let note = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["note"]).string("note")
        let user = try context.session()
        do {
            try await calls.reviewEmergencyAccess(id, note: note, by: user)
        } catch let error as RegistroError where error.kind == .denied || error.kind == .notFound {
            throw ServerError.notFound("emergency access `\(id)`")
        }
        return JSONResponse.noContent()
    }
}
