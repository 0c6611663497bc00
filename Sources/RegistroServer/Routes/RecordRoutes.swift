import Hummingbird
import RegistroKit

/// `GET /api/beneficiaries?cf=CF`, `POST /api/beneficiaries` and `POST /api/deliveries`: the
/// CLI's `beneficiary find`, `beneficiary add` and `delivery add`, keys named as the import
/// file's columns.
struct RecordRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// Body limits.
    let settings: ServerSettings

    /// The keys of a beneficiary.
    static let beneficiaryKeys: Set<String> = [
        "given_name", "family_name", "codice_fiscale", "birth_date", "sex", "citizenship", "comune", "phone", "email",
        "address", "vulnerabilities", "ref", "notes", "sensitive",
    ]
    /// The keys of a delivery.
    static let deliveryKeys: Set<String> = [
        "beneficiary", "service_code", "date", "hours", "channel", "outcome", "impact", "project", "notes",
    ]

    /// `/beneficiaries`.
    var beneficiaries: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(use: find)
        routes.post(use: addBeneficiary)
        return routes
    }

    /// `/deliveries`.
    var deliveries: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: addDelivery)
        return routes
    }

    /// `{"id"}` of the person with the codice fiscale, or 404.
    @Sendable func find(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        guard let codiceFiscale = request.uri.queryParameters.get("cf") else {
            throw ServerError.badRequest("give the codice fiscale to look for as `?cf=`")
        }
        guard let id = try await calls.findBeneficiary(codiceFiscale: codiceFiscale, by: try context.session()) else {
            throw ServerError(.notFound, "not_found", "nobody in the registry has this codice fiscale")
        }
        return JSONResponse.make(.object([("id", .string(id))]))
    }

    /// A beneficiary's fields → 201 `{"id"}`.
    @Sendable func addBeneficiary(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: Self.beneficiaryKeys)
        var fields = BeneficiaryFields()
        fields.givenName = try body.optionalString("given_name")
        fields.familyName = try body.optionalString("family_name")
        fields.codiceFiscale = try body.optionalString("codice_fiscale")
        fields.birthDate = try body.optionalString("birth_date")
        fields.sex = try body.optionalString("sex")
        fields.citizenship = try body.optionalString("citizenship")
        fields.comune = try body.optionalString("comune")
        fields.phone = try body.optionalString("phone")
        fields.email = try body.optionalString("email")
        fields.address = try body.optionalString("address")
        fields.vulnerabilities = try body.optionalList("vulnerabilities")
        fields.ref = try body.optionalString("ref")
        fields.notes = try body.optionalString("notes")
        fields.sensitive = try body.optionalString("sensitive")
        let id = try await calls.addBeneficiary(fields, by: try context.session())
        return JSONResponse.make(.object([("id", .string(id))]), status: .created)
    }

    /// A delivery's fields → 201 `{"id"}`; 404 for a person the user has no relationship to.
    @Sendable func addDelivery(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: settings.maximumJSONBytes, allowed: Self.deliveryKeys)
        let beneficiary = try body.string("beneficiary")
        var fields = DeliveryFields()
        fields.serviceCode = try body.optionalString("service_code")
        fields.date = try body.optionalString("date")
        fields.hours = try body.optionalScalar("hours")
        fields.channel = try body.optionalString("channel")
        fields.outcome = try body.optionalString("outcome")
        fields.impact = try body.optionalScalar("impact")
        fields.project = try body.optionalString("project")
        fields.notes = try body.optionalString("notes")
        let user = try context.session()
        let id = try await hidingUnrelated(beneficiary: beneficiary) {
            try await calls.addDelivery(beneficiary: beneficiary, fields, by: user)
        }
        return JSONResponse.make(.object([("id", .int(id))]), status: .created)
    }
}
