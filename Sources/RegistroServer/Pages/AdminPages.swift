import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// The admin's page of their organisation's users: add with a one-time password, give a new
/// one-time password, disable.
struct AdminPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// The roles an admin can give.
    static let roles: [Role] = [.socialWorker, .coordinator, .privacyOfficer, .admin]

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("utenti") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await page(visit, visitor, form: form)
            }
        }
        router.post("utenti") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await addUser(visit, visitor, form)
            }
        }
        router.post("utenti/:id/password") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                let id = try context.parameters.require("id")
                let password = Accounts.newOneTimePassword()
                try await hidingOtherOrganisations(id) {
                    try await pages.calls.setOneTimePassword(password, for: id, by: visitor.user)
                }
                return try await page(visit, visitor, form: FormBody(), created: (id, password))
            }
        }
        router.post("utenti/:id/disabilita") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                let id = try context.parameters.require("id")
                try await hidingOtherOrganisations(id) { try await pages.calls.disable(id, by: visitor.user) }
                let notice = pages.renderer.catalogue(visit.language)["users_disabled"]
                return try await page(visit, visitor, form: FormBody(), notice: notice)
            }
        }
    }

    private func page(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, form: FormBody, created: (String, String)? = nil,
        notice: String? = nil, alert: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let users = try await pages.calls.users(of: visitor.user)
        let fields = [
            FormField(
                id: "nome_utente", label: catalogue["field_user_id"], value: form["nome_utente"] ?? "", required: true),
            FormField(id: "nome", label: catalogue["field_user_name"], value: form["nome"] ?? "", required: true),
            FormField(
                id: "ruolo", label: catalogue["field_role"],
                kind: .select(Self.roles.map { ($0.rawValue, catalogue["role_\($0.rawValue)"]) }),
                value: form["ruolo"] ?? Role.socialWorker.rawValue),
        ]
        var values: [String: Any] = [
            "users": users.map { ["id": $0.id, "name": $0.name, "roleLabel": catalogue["role_\($0.role.rawValue)"]] },
            "form": ["action": "/utenti", "fields": fields.map(\.context), "button": catalogue["users_add"]]
                as [String: Any],
        ]
        if let created { values["created"] = ["userID": created.0, "password": created.1] }
        if let notice { values["notice"] = notice }
        if let alert { values["alert"] = alert }
        return pages.renderer.page("users", titleKey: "users_title", values: values, visit: visit, status: status)
    }

    private func addUser(_ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        do {
            let user = Operator(
                id: form["nome_utente"] ?? "", name: form["nome"] ?? "", org: visitor.user.org,
                role: try Role.parse(form["ruolo"] ?? "", field: "ruolo"))
            let password = Accounts.newOneTimePassword()
            try await pages.calls.addUser(
                id: user.id, name: user.name, role: user.role, oneTimePassword: password, by: visitor.session)
            return try await page(
                visit, visitor, form: FormBody(), created: (user.id, password), notice: catalogue["users_added"])
        } catch let error as RegistroError where error.kind == .invalidData || error.kind == .usage {
            return try await page(
                visit, visitor, form: form, alert: "\(catalogue["form_has_errors"]) \(catalogue.alert(error))",
                status: .unprocessableContent)
        }
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
