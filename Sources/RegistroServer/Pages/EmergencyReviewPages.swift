import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput
import RegistroOutput

/// The privacy officer's review queue of emergency accesses: each open access on a person of
/// their organisation (who, on whom, for what, why, until when), marked reviewed with a note.
struct EmergencyReviewPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("emergenze") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await queue(visit, visitor, typed: form)
            }
        }
        router.post("emergenze/:id") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                let id = try context.parameters.require("id")
                return try await review(id, visit, visitor, form)
            }
        }
    }

    /// The name of the note field of access `id` (one form per access on the page).
    static func noteField(_ id: String) -> String { "nota-\(id)" }

    private func review(
        _ id: String, _ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody
    ) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        guard let note = form[Self.noteField(id)] else {
            return try await queue(
                visit, visitor, typed: form, errors: [id: catalogue["emergency_review_note_missing"]],
                status: .unprocessableContent)
        }
        do {
            try await pages.calls.reviewEmergencyAccess(id, note: note, by: visitor.session)
        } catch let error as RegistroError where error.kind == .invalidData || error.kind == .notFound {
            // Unknown, reviewed already, or a note too long: the page says so by the access.
            return try await queue(
                visit, visitor, typed: form, errors: [id: error.message], status: .unprocessableContent)
        }
        return try await queue(visit, visitor, typed: FormBody(), notice: catalogue["emergency_reviewed"])
    }

    /// The queue, with the notes typed so far kept and each access's error by its note.
    private func queue(
        _ visit: PageVisit, _ visitor: PageVisit.Visitor, typed: FormBody, errors: [String: String] = [:],
        notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let accesses = try await pages.calls.emergencyAccesses(unreviewed: true, by: visitor.session)
        let rows = accesses.map { access -> [String: Any] in
            var note = FormField(
                id: Self.noteField(access.id), label: catalogue["emergency_review_note"], kind: .textArea,
                value: typed.values[Self.noteField(access.id)]?.first ?? "", required: true)
            note.error = errors[access.id]
            return [
                "id": access.id, "user": access.user, "person": access.beneficiary,
                "personHref": "/persone/\(access.beneficiary)/diritti",
                "purpose": catalogue.strings["purpose_\(access.purpose)"] ?? access.purpose,
                "openedAt": catalogue.time(access.openedAt), "expiresAt": catalogue.time(access.expiresAt),
                "reason": access.reason,
                "form": [
                    "action": "/emergenze/\(access.id)", "fields": [note.context],
                    "button": catalogue["emergency_review_button"],
                ] as [String: Any],
            ]
        }
        var values: [String: Any] = ["accesses": rows, "hasAccesses": !rows.isEmpty]
        if let notice { values["notice"] = notice }
        if !errors.isEmpty { values["alert"] = catalogue["form_has_errors"] }
        return pages.renderer.page(
            "emergencies", titleKey: "emergency_review_title", values: values, visit: visit, status: status)
    }
}
