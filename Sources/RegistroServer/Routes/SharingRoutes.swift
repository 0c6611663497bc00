import Hummingbird
import RegistroKit
import RegistroOutput

/// `POST /api/consents`, `GET /api/consents?beneficiary=B`, `POST /api/consents/{id}/revoke`
/// and `GET /api/cases/{id}?purpose=P`: the CLI's `consent grant|list|revoke` and `case show
/// --format json`, under the same policies and audit.
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
        routes.get(use: listConsents)
        routes.post(":id/revoke", use: revokeConsent)
        return routes
    }

    /// `/explain`.
    var explain: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(use: explainAccess)
        return routes
    }

    /// `/cases`.
    var cases: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(":id", use: showCase)
        routes.post(":id/emergency", use: breakTheGlass)
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
        let user = try context.session()
        let id = try await hidingUnrelated(beneficiary: beneficiary) { try await calls.grantConsent(consent, by: user) }
        return JSONResponse.make(.object([("id", .string(id))]), status: .created)
    }

    /// `?beneficiary=B&category=C&purpose=P` → the explanation as `policy explain --format json`
    /// prints it. A person the user's organisation does not know of (another organisation's,
    /// with no grant to the user's organisation or networks, no emergency access and not found by
    /// codice fiscale) is answered 404, as an id that does not exist, once the explanation is
    /// recorded: the library answers them as unknown.
    @Sendable func explainAccess(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let beneficiary = query.get("beneficiary"), let categoryName = query.get("category"),
            let purpose = query.get("purpose")
        else {
            throw ServerError.badRequest("give `?beneficiary=`, `category=` and `purpose=`")
        }
        let category = try CaseCategory.parse(categoryName, field: "category")
        let user = try context.session()
        let explanation = try await hidingUnrelated(beneficiary: beneficiary) {
            try await calls.explainAccess(beneficiary: beneficiary, category: category, purpose: purpose, by: user)
        }
        return JSONResponse.make(AccessExplanationView(explanation).json)
    }

    /// The person's grants with their status now, as `consent list --format json` prints them.
    @Sendable func listConsents(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        guard let beneficiary = request.uri.queryParameters.get("beneficiary"), !beneficiary.isEmpty else {
            throw ServerError.badRequest("give the person's id as `?beneficiary=`")
        }
        let user = try context.session()
        let grants = try await hidingUnrelated(beneficiary: beneficiary) {
            try await calls.consentGrants(of: beneficiary, by: user)
        }
        return JSONResponse.make(
            .array(
                grants.map { grant in
                    .object([
                        ("id", .string(grant.id)), ("status", .string(grant.status.rawValue)),
                        ("grantor", .string(grant.grantor)),
                        ("grantee", .string(grant.granteeIsNetwork ? "network:\(grant.grantee)" : grant.grantee)),
                        ("purpose", .string(grant.purpose)),
                        ("scope", .array(grant.scope.map { .string($0.rawValue) })),
                        ("explicit", .bool(grant.explicit)), ("given_at", .string(grant.givenAt)),
                        ("expires_on", .text(grant.expiresOn)), ("notice_version", .string(grant.noticeVersion)),
                        ("evidence_digest", .text(grant.evidenceDigest)), ("revoked_at", .text(grant.revokedAt)),
                    ])
                }))
    }

    /// `{"reason"}` → 204; 404 for a grant the user's organisation did not record.
    @Sendable func revokeConsent(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let reason = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: ["reason"]).string(
            "reason")
        let user = try context.session()
        do {
            try await calls.revokeConsent(id, reason: reason, by: user)
        } catch let error as RegistroError where error.kind == .denied || error.kind == .notFound {
            throw ServerError.notFound("consent grant `\(id)`")
        }
        return JSONResponse.noContent()
    }

    /// `{"purpose", "reason", "hours"?}` → the case file, after an emergency access (audited and
    /// flagged for the privacy officer) opened for it; 404 when nothing is visible even so.
    @Sendable func breakTheGlass(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(
            request, limit: settings.maximumJSONBytes, allowed: ["purpose", "reason", "hours"])
        let purpose = try body.string("purpose")
        let emergency = (
            reason: try body.string("reason"),
            hours: try body.optionalInt("hours") ?? SharingService.defaultEmergencyHours
        )
        let user = try context.session()
        let file = try await hidingUnrelated(beneficiary: id) {
            try await calls.caseFile(of: id, purpose: purpose, emergency: emergency, by: user)
        }
        return JSONResponse.make(CaseFileView(file).json)
    }

    /// The case file as `case show --format json` prints it; 404 when nothing of it is visible
    /// to the user, as for an id that does not exist.
    @Sendable func showCase(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let purpose = request.uri.queryParameters.get("purpose"), !purpose.isEmpty else {
            throw ServerError.badRequest("give the purpose of the reading as `?purpose=` (see the purpose codes)")
        }
        let user = try context.session()
        let file = try await hidingUnrelated(beneficiary: id) {
            try await calls.caseFile(of: id, purpose: purpose, by: user)
        }
        return JSONResponse.make(CaseFileView(file).json)
    }
}
