import Hummingbird
import RegistroKit

/// `POST /api/consents` and `GET /api/cases/{id}?purpose=P`: the CLI's `consent grant` and
/// `case show --format json`, under the same policies and audit.
struct SharingRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// The keys of a consent grant. No evidence file: the server reads no path a client names.
    static let consentKeys: Set<String> = [
        "beneficiary", "to", "purpose", "scope", "explicit", "expires", "evidence_ref", "notice_version", "refused",
    ]

    /// `/consents`.
    var consents: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: grantConsent)
        return routes
    }

    /// `/cases`.
    var cases: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(":id", use: showCase)
        return routes
    }

    /// A consent grant → 201 `{"id"}`; 404 for a person the user has no relationship to.
    @Sendable func grantConsent(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: Self.consentKeys)
        let beneficiary = try body.string("beneficiary")
        var consent = ConsentRequest(
            beneficiary: beneficiary, grantee: try body.string("to"), purpose: try body.string("purpose"),
            scope: try body.strings("scope").map { try CaseCategory.parse($0, field: "scope") })
        consent.explicit = try body.bool("explicit")
        consent.expires = try body.optionalString("expires")
        consent.evidenceReference = try body.optionalString("evidence_ref")
        consent.noticeVersion = try body.optionalString("notice_version") ?? ConsentRequest.defaultNoticeVersion
        consent.refused = try body.bool("refused")
        let user = try context.user()
        let id = try await hidingUnrelated(beneficiary: beneficiary) { try await calls.grantConsent(consent, by: user) }
        return JSONResponse.make(.object([("id", .string(id))]), status: .created)
    }

    /// The case file as `case show --format json` prints it; 404 when nothing of it is visible
    /// to the user, as for an id that does not exist.
    @Sendable func showCase(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let purpose = request.uri.queryParameters.get("purpose"), !purpose.isEmpty else {
            throw ServerError.badRequest("give the purpose of the reading as `?purpose=` (see the purpose codes)")
        }
        let user = try context.user()
        let file = try await hidingUnrelated(beneficiary: id) { try await calls.caseFile(of: id, purpose: purpose, by: user) }
        return JSONResponse.make(file.json)
    }
}
