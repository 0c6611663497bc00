import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// The social worker's pages: find a person, add one, record a service, upload a spreadsheet,
/// record a consent, open a case file, emergency access.
struct SocialWorkerPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// The purpose a case file is opened for when the address names none: shared case
    /// management, the everyday one. The forms offer the registry's purpose codes.
    static let defaultPurpose = "presa_in_carico_condivisa"

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        // The codice fiscale travels in a posted form, never in an address a browser keeps in its history.
        router.get("persone/cerca") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                try await search(visit, visitor, codiceFiscale: nil)
            }
        }
        router.post("persone/cerca") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await search(visit, visitor, codiceFiscale: form["codice_fiscale"] ?? "")
            }
        }
        router.get("persone/nuova") { request, context in
            try await pages.signedIn(request, context) { visit, _, form in personPage(visit, form: form) }
        }
        router.post("persone/nuova") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await addPerson(visit, visitor, form)
            }
        }
        router.get("persone/:id") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                let id = try context.parameters.require("id")
                let purpose = request.uri.queryParameters.get("finalita") ?? form["finalita"] ?? Self.defaultPurpose
                return try await caseFile(visit, visitor, id: id, purpose: purpose, emergency: nil, typed: form)
            }
        }
        router.post("persone/:id/emergenza") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                let id = try context.parameters.require("id")
                let purpose = form["finalita"] ?? Self.defaultPurpose
                let reason = form["motivo"] ?? ""
                guard reason.count >= SharingService.minimumEmergencyReason else {
                    // Refused here, in the page's language, with the reason typed so far kept.
                    let problem = renderer.catalogue(visit.language).text(
                        "emergency_reason_short", ["n": String(SharingService.minimumEmergencyReason)])
                    return try await caseFile(
                        visit, visitor, id: id, purpose: purpose, emergency: nil, typed: form, reasonError: problem)
                }
                return try await caseFile(
                    visit, visitor, id: id, purpose: purpose, emergency: (reason, SharingService.defaultEmergencyHours))
            }
        }
        router.get("prestazioni/nuova") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, kept in
                var form = kept
                if let person = request.uri.queryParameters.get("persona") { form = .urlEncoded("persona=\(person)") }
                return try await servicePage(visit, visitor, form: form)
            }
        }
        router.post("prestazioni/nuova") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await addService(visit, visitor, form)
            }
        }
        router.get("consensi/nuovo") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, kept in
                var form = kept
                if let person = request.uri.queryParameters.get("persona") { form = .urlEncoded("persona=\(person)") }
                return try await consentPage(visit, visitor, form: form)
            }
        }
        router.post("consensi/nuovo") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await addConsent(visit, visitor, form)
            }
        }
        ImportPages(pages: pages).add(to: router)
    }

    private var renderer: PageRenderer { pages.renderer }

    // MARK: Search

    private func search(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, codiceFiscale: String?
    ) async throws
        -> Response
    {
        let catalogue = renderer.catalogue(visit.language)
        var field = FormField(
            id: "codice_fiscale", label: catalogue["field_cf"], value: codiceFiscale ?? "", required: true)
        var values: [String: Any] = [:]
        if let codiceFiscale, !codiceFiscale.isEmpty {
            if let problem = Self.codiceFiscaleProblem(codiceFiscale, catalogue) {
                field.error = problem
            } else if let id = try await pages.calls.findBeneficiary(
                codiceFiscale: codiceFiscale, by: visitor.session)
            {
                values["result"] =
                    [
                        "heading": catalogue["search_found"], "text": "\(catalogue["person_id"]): \(id)",
                        "link": ["href": "/persone/\(id)", "label": catalogue["search_open_case"]],
                    ] as [String: Any]
            } else {
                values["result"] = ["heading": catalogue["search_none"]]
            }
        }
        values["form"] =
            [
                "action": "/persone/cerca", "fields": [field.context],
                "button": catalogue["search_button"],
            ] as [String: Any]
        return renderer.page("form-page", titleKey: "search_title", values: values, visit: visit)
    }

    /// The reason a typed codice fiscale is refused, in the page's language; `nil` when it is valid.
    static func codiceFiscaleProblem(_ text: String, _ catalogue: Catalogue) -> String? {
        do {
            _ = try CodiceFiscale(text)
            return nil
        } catch {
            let reason: String
            if error.key == .codiceFiscaleCheckCharacter {
                reason = catalogue["cf_check_mismatch"]
            } else if let position = error.position {
                reason = catalogue.text("cf_position", ["n": String(position)])
            } else {
                reason = catalogue["cf_length"]
            }
            return catalogue.text("cf_invalid", ["reason": reason])
        }
    }

    // MARK: New person

    private func personFields(_ catalogue: Catalogue, _ form: FormBody) -> [FormField] {
        let fields = FormFields(catalogue: catalogue, typed: form)
        return [
            fields.field("nome", "field_given_name"), fields.field("cognome", "field_family_name"),
            fields.field("codice_fiscale", "field_cf"), fields.field("data_nascita", "field_birth_date"),
            fields.choice(
                "sesso", "field_sex",
                [("F", catalogue["sex_f"]), ("M", catalogue["sex_m"]), ("X", catalogue["sex_x"])]),
            fields.choice(
                "cittadinanza", "field_citizenship",
                [
                    ("IT", catalogue["citizenship_it"]), ("EU", catalogue["citizenship_eu"]),
                    ("EXTRA_EU", catalogue["citizenship_extra_eu"]),
                ]),
            fields.field("comune", "field_comune"), fields.field("telefono", "field_phone", .input(type: "tel")),
            fields.field("email", "field_email", .input(type: "email")), fields.field("note", "field_notes", .textArea),
        ]
    }

    private func personPage(
        _ visit: PageVisit, form: FormBody, errors: [String: String] = [:], extra: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let catalogue = renderer.catalogue(visit.language)
        let fields = personFields(catalogue, form).map { field in
            var field = field
            field.error = errors[field.id]
            return field.context
        }
        var values = extra
        values["form"] = ["action": "/persone/nuova", "fields": fields, "button": catalogue["save"]] as [String: Any]
        return renderer.page("form-page", titleKey: "person_title", values: values, visit: visit, status: status)
    }

    private func addPerson(_ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody) async throws -> Response
    {
        let catalogue = renderer.catalogue(visit.language)
        if let cf = form["codice_fiscale"], let problem = Self.codiceFiscaleProblem(cf, catalogue) {
            return personPage(
                visit, form: form, errors: ["codice_fiscale": problem], extra: ["alert": catalogue["form_has_errors"]],
                status: .unprocessableContent)
        }
        var fields = BeneficiaryFields()
        fields.givenName = form["nome"]
        fields.familyName = form["cognome"]
        fields.codiceFiscale = form["codice_fiscale"]
        fields.birthDate = form["data_nascita"].map(TypedDate.iso)
        fields.sex = form["sesso"]
        fields.citizenship = form["cittadinanza"]
        fields.comune = form["comune"]
        fields.phone = form["telefono"]
        fields.email = form["email"]
        fields.notes = form["note"]
        do {
            let id = try await pages.calls.addBeneficiary(fields, by: visitor.session)
            let result: [String: Any] = [
                "heading": catalogue["person_saved"], "text": "\(catalogue["person_id"]): \(id)",
                "link": ["href": "/prestazioni/nuova?persona=\(id)", "label": catalogue["person_record_service"]],
            ]
            return personPage(visit, form: FormBody(), extra: ["result": result, "notice": catalogue["person_saved"]])
        } catch let error as RegistroError where error.kind == .invalidData {
            return personPage(
                visit, form: form, extra: ["alert": "\(catalogue["form_has_errors"]) \(catalogue.alert(error))"],
                status: .unprocessableContent)
        }
    }

    // MARK: New service

    private func servicePage(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, form: FormBody, extra: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = renderer.catalogue(visit.language)
        let channels = try await pages.calls.codes(.channel, by: visitor.session)
        let fields = FormFields(catalogue: catalogue, typed: form)
        let shown = [
            fields.field("persona", "field_person"), fields.field("codice_prestazione", "field_service_code"),
            fields.field("data", "field_date"), fields.field("ore", "field_hours"),
            fields.choice("canale", "field_channel", channels.map { ($0.code, catalogue.label(of: $0)) }),
            fields.field("esito", "field_outcome"), fields.field("impatto", "field_impact", .input(type: "number")),
            fields.field("progetto", "field_project"), fields.field("note", "field_notes", .textArea),
        ]
        var values = extra
        values["form"] =
            ["action": "/prestazioni/nuova", "fields": shown.map(\.context), "button": catalogue["save"]]
            as [String: Any]
        return renderer.page("form-page", titleKey: "service_title", values: values, visit: visit, status: status)
    }

    private func addService(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody
    ) async throws
        -> Response
    {
        let catalogue = renderer.catalogue(visit.language)
        var fields = DeliveryFields()
        fields.serviceCode = form["codice_prestazione"]
        fields.date = form["data"].map(TypedDate.iso)
        fields.hours = form["ore"]?.replacingOccurrences(of: ",", with: ".")
        fields.channel = form["canale"]
        fields.outcome = form["esito"]
        fields.impact = form["impatto"]
        fields.project = form["progetto"]
        fields.notes = form["note"]
        let person = form["persona"] ?? ""
        do {
            _ = try await hidingUnrelated(beneficiary: person) {
                try await pages.calls.addDelivery(beneficiary: person, fields, by: visitor.session)
            }
            return try await servicePage(
                visit, visitor, form: FormBody(), extra: ["notice": catalogue["service_saved"]])
        } catch let error as RegistroError where error.kind == .invalidData {
            return try await servicePage(
                visit, visitor, form: form,
                extra: ["alert": "\(catalogue["form_has_errors"]) \(catalogue.alert(error))"],
                status: .unprocessableContent)
        }
    }

    // MARK: Consent

    private func consentPage(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, form: FormBody, extra: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = renderer.catalogue(visit.language)
        let purposes = try await purposeOptions(visitor, catalogue)
        let fields = FormFields(catalogue: catalogue, typed: form)
        let shown = [
            fields.field("persona", "field_person"), fields.field("destinatario", "field_grantee"),
            FormField(
                id: "finalita", label: catalogue["field_purpose"], kind: .select(purposes),
                value: form["finalita"] ?? Self.defaultPurpose),
            fields.field("scadenza", "field_expires"), fields.field("riferimento", "field_evidence"),
        ].map(\.context)
        let chosen = Set(form.all("dati"))
        let categories = CaseCategory.allCases.map { category in
            [
                "id": "dati-\(category.rawValue)", "name": "dati", "value": category.rawValue,
                "label": catalogue["category_\(category.rawValue)"], "checked": chosen.contains(category.rawValue),
            ] as [String: Any]
        }
        let explicit: [String: Any] = [
            "id": "esplicito", "name": "esplicito", "value": "si", "label": catalogue["field_explicit"],
            "checked": form["esplicito"] != nil,
        ]
        var values = extra
        values["form"] =
            [
                "action": "/consensi/nuovo", "fields": shown, "button": catalogue["save"],
                "checkboxes": [
                    ["legend": catalogue["field_categories"], "items": categories],
                    ["legend": catalogue["category_sensitive"], "items": [explicit]],
                ],
            ] as [String: Any]
        return renderer.page("form-page", titleKey: "consent_title", values: values, visit: visit, status: status)
    }

    private func addConsent(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody
    ) async throws
        -> Response
    {
        let catalogue = renderer.catalogue(visit.language)
        let person = form["persona"] ?? ""
        do {
            let scope = try form.all("dati").map { try CaseCategory.parse($0, field: "dati") }
            var request = ConsentRequest(
                beneficiary: person, grantee: form["destinatario"] ?? "", purpose: form["finalita"] ?? "", scope: scope)
            request.explicit = form["esplicito"] != nil
            request.expires = form["scadenza"].map(TypedDate.iso)
            request.evidenceReference = form["riferimento"]
            _ = try await hidingUnrelated(beneficiary: person) {
                try await pages.calls.grantConsent(request, by: visitor.session)
            }
            return try await consentPage(
                visit, visitor, form: FormBody(), extra: ["notice": catalogue["consent_saved"]])
        } catch let error as RegistroError where error.kind == .invalidData || error.kind == .usage {
            return try await consentPage(
                visit, visitor, form: form,
                extra: ["alert": "\(catalogue["form_has_errors"]) \(catalogue.alert(error))"],
                status: .unprocessableContent)
        }
    }

    // MARK: Case file

    private func caseFile(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, id: String, purpose: String,
        emergency: (reason: String, hours: Int)?, typed: FormBody = FormBody(), reasonError: String? = nil
    ) async throws -> Response {
        let catalogue = renderer.catalogue(visit.language)
        let file: CaseFile
        do {
            file = try await hidingUnrelated(beneficiary: id) {
                try await pages.calls.caseFile(of: id, purpose: purpose, emergency: emergency, by: visitor.session)
            }
        } catch let error as ServerError where error.status == .notFound && visitor.user.role == .socialWorker {
            // The same page whether the person exists or not, offering emergency access.
            let values: [String: Any] = [
                "alert": catalogue["case_not_visible"], "personID": id,
                "purposeLabel": try await purposeLabel(purpose, visitor, catalogue),
                "emergency": emergencyForm(
                    id: id, purpose: purpose, purposes: try await purposeOptions(visitor, catalogue),
                    reason: typed["motivo"], error: reasonError, catalogue),
            ]
            return renderer.page(
                "case", titleKey: "case_title", values: values, visit: visit,
                status: reasonError == nil ? .notFound : .unprocessableContent)
        }
        let sections = file.sections.map { section -> [String: Any] in
            [
                "key": section.category.rawValue, "label": catalogue["category_\(section.category.rawValue)"],
                "visible": section.visible, "reason": catalogue.hiddenReason(section.reason),
                "items": section.data.map {
                    ["name": catalogue.strings["case_field_\($0.0)"] ?? $0.0, "value": catalogue.value($0.1)]
                },
            ]
        }
        let deliveries = file.deliveries.map { delivery -> [String: Any] in
            [
                "date": catalogue.date(delivery.date), "code": delivery.serviceCode,
                "hours": delivery.hours.map(catalogue.number) ?? "", "outcome": delivery.outcome ?? "",
                "org": delivery.org,
            ]
        }
        var values: [String: Any] = [
            "personID": file.beneficiary, "purposeLabel": try await purposeLabel(file.purpose, visitor, catalogue),
            "sections": sections, "deliveries": deliveries, "hasDeliveries": !deliveries.isEmpty,
        ]
        if visitor.user.role == .socialWorker && file.sections.contains(where: { !$0.visible }) && file.emergency == nil
        {
            values["emergency"] = emergencyForm(
                id: file.beneficiary, purpose: purpose, purposes: try await purposeOptions(visitor, catalogue),
                reason: typed["motivo"], error: reasonError, catalogue)
        }
        return renderer.page(
            "case", titleKey: "case_title", values: values, visit: visit,
            status: reasonError == nil ? .ok : .unprocessableContent)
    }

    /// The registry's purpose codes (local ones included), each by its label in the page's
    /// language: the purposes a consent or an emergency access may be asked for.
    private func purposeOptions(
        _ visitor: PageVisit.Visitor, _ catalogue: Catalogue
    ) async throws -> [(value: String, label: String)] {
        try await pages.calls.codes(.purpose, by: visitor.session).map { ($0.code, catalogue.label(of: $0)) }
    }

    /// The label of the purpose `code` in the page's language: the catalogue's, else (a purpose
    /// the registry added) its code list's, else the code itself.
    private func purposeLabel(
        _ code: String, _ visitor: PageVisit.Visitor, _ catalogue: Catalogue
    ) async throws -> String {
        if let label = catalogue.strings["purpose_\(code)"] { return label }
        return try await purposeOptions(visitor, catalogue).first { $0.value == code }?.label ?? code
    }

    /// The form asking emergency access to the case file `id`, with its purpose among
    /// `purposes` and the reason typed so far.
    private func emergencyForm(
        id: String, purpose: String, purposes: [(value: String, label: String)], reason: String?,
        error: String? = nil, _ catalogue: Catalogue
    ) -> [String: Any] {
        let fields = [
            FormField(id: "finalita", label: catalogue["field_purpose"], kind: .select(purposes), value: purpose)
                .context,
            FormField(
                id: "motivo", label: catalogue["field_reason"], kind: .textArea, value: reason ?? "", error: error,
                required: true
            ).context,
        ]
        return ["action": "/persone/\(id)/emergenza", "fields": fields, "button": catalogue["emergency_button"]]
    }
}
