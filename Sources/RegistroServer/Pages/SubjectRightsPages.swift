import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// The privacy officer's page of one person's rights: the access report (GDPR art. 15), and
/// restriction, export and erasure, each changing nothing before its confirmation step.
struct SubjectRightsPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("persone/:id/diritti") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                try await page(visit, visitor, id: try context.parameters.require("id"))
            }
        }
        router.post("persone/:id/limita") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                let id = try context.parameters.require("id")
                let catalogue = pages.renderer.catalogue(visit.language)
                guard form["conferma"] == "si" else {
                    return confirmation(
                        visit, id: id, action: "limita", headingKey: "rights_restrict",
                        consequenceKey: "rights_restrict_consequence", reason: form["motivo-limita"])
                }
                try await hidingUnrelated(beneficiary: id) {
                    try await pages.calls.restrictSubject(id, reason: form["motivo"] ?? "", by: visitor.session)
                }
                return try await page(visit, visitor, id: id, notice: catalogue["rights_restricted"])
            }
        }
        router.post("persone/:id/cancella") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                let id = try context.parameters.require("id")
                let catalogue = pages.renderer.catalogue(visit.language)
                guard form["conferma"] == "si" else {
                    return confirmation(
                        visit, id: id, action: "cancella", headingKey: "rights_erase",
                        consequenceKey: "rights_erase_consequence", reason: form["motivo-cancella"])
                }
                let recipients = try await hidingUnrelated(beneficiary: id) {
                    try await pages.calls.eraseSubject(id, reason: form["motivo"] ?? "", by: visitor.session)
                }
                let notice =
                    "\(catalogue["rights_erased"]): "
                    + (recipients.isEmpty ? catalogue["rights_none"] : recipients.joined(separator: ", "))
                return pages.renderer.page(
                    "rights", titleKey: "rights_title",
                    values: ["personID": id, "notice": notice, "confirmation": false],
                    visit: visit)
            }
        }
        router.post("persone/:id/esporta") { request, context in
            try await pages.signedIn(request, context) { _, visitor, _ in
                let id = try context.parameters.require("id")
                let export = try await hidingUnrelated(beneficiary: id) {
                    try await pages.calls.exportSubject(id, by: visitor.session)
                }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/json; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"persona-\(id).json\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: ReportMarkup.json(export))))
            }
        }
    }

    private func page(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, id: String, notice: String? = nil
    ) async throws
        -> Response
    {
        let catalogue = pages.renderer.catalogue(visit.language)
        let report = try await hidingUnrelated(beneficiary: id) {
            try await pages.calls.subjectReport(of: id, by: visitor.session)
        }
        let accesses = report.accesses.map { entry -> [String: Any] in
            [
                "time": catalogue.time(entry.time), "actor": entry.actor ?? "", "action": entry.action,
                "category": entry.category.map { catalogue["category_\($0)"] } ?? "",
                "decision": catalogue["decision_\(entry.decision)"],
            ]
        }
        func request(_ action: String, _ key: String, reason: Bool) -> [String: Any] {
            [
                "key": action, "heading": catalogue[key], "action": "/persone/\(id)/\(action)",
                "button": catalogue[key],
                "fields": reason
                    ? [FormField(id: "motivo-\(action)", label: catalogue["field_reason"], kind: .textArea).context]
                    : [],
            ]
        }
        var values: [String: Any] = [
            "personID": id, "accesses": accesses, "hasAccesses": !accesses.isEmpty, "recipients": report.recipients,
            "hasRecipients": !report.recipients.isEmpty, "confirmation": false,
            "requests": [
                request("limita", "rights_restrict", reason: true), request("esporta", "rights_export", reason: false),
                request("cancella", "rights_erase", reason: true),
            ],
        ]
        if let notice { values["notice"] = notice }
        return pages.renderer.page("rights", titleKey: "rights_title", values: values, visit: visit)
    }

    /// The confirmation step: what the request will do, and a button that confirms it.
    private func confirmation(
        _ visit: PageVisit, id: String, action: String, headingKey: String, consequenceKey: String, reason: String?
    ) -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let values: [String: Any] = [
            "personID": id,
            "confirmation": [
                "heading": catalogue[headingKey], "consequence": catalogue[consequenceKey],
                "action": "/persone/\(id)/\(action)", "button": catalogue["rights_confirm"],
                "hidden": [["name": "conferma", "value": "si"], ["name": "motivo", "value": reason ?? ""]],
            ] as [String: Any],
        ]
        return pages.renderer.page("rights", titleKey: "rights_title", values: values, visit: visit)
    }
}
