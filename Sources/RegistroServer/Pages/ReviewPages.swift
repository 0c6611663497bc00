import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// The pages that look over the registry's work: the coordinator's reports with their charts
/// and CSV, the organisation's monitoring sheet, and the privacy officer's audit log with its filters, paging and verification.
struct ReviewPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// The entries one page of the audit log shows.
    static let auditPageSize = 50
    /// The dimensions the report form offers.
    static let dimensions: [ReportDimension] = [.org, .axis, .serviceCode, .channel, .outcome, .sex, .ageBand, .year]

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("report") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                try await report(request, visit, visitor)
            }
        }
        router.get("report.csv") { request, context in
            try await pages.signedIn(request, context) { _, visitor, _ in
                let table = try await pages.calls.deliveriesReport(try Self.reportRequest(request), by: visitor.session)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"report.csv\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: ReportMarkup.csv(table))))
            }
        }
        router.get("scheda") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                let sheet = try await pages.calls.monitoringSheet(
                    of: visitor.user.org, period: .all, minCell: DeliveryReportRequest.defaultMinCell,
                    by: visitor.session)
                let html = ReportMarkup.html(sheet, visit.language)
                return pages.renderer.page(
                    "report", titleKey: "sheet_title", values: ["reportHTML": html], visit: visit)
            }
        }
        router.get("audit") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                try await audit(request, visit, visitor, verification: nil)
            }
        }
        router.post("audit/verifica") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                let verification = try await pages.calls.verifyAuditLog(by: visitor.session)
                return try await audit(request, visit, visitor, verification: verification)
            }
        }
    }

    // MARK: Reports

    /// The report the query asks: `per` (a dimension) and `misura` (a measure).
    static func reportRequest(_ request: Request) throws -> DeliveryReportRequest {
        let query = request.uri.queryParameters
        let dimension = try ReportDimension.list(
            query.get("per").flatMap { $0.isEmpty ? nil : $0 } ?? "org")
        let measure =
            try query.get("misura").flatMap { $0.isEmpty ? nil : $0 }
            .map { try ReportMeasure.parse($0) } ?? .beneficiaries
        return DeliveryReportRequest(dimensions: dimension, measure: measure)
    }

    private func report(_ request: Request, _ visit: PageVisit, _ visitor: PageVisit.Visitor) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let query = request.uri.queryParameters
        let chosen = query.get("per") ?? ReportDimension.org.rawValue
        let measure = query.get("misura") ?? ReportMeasure.beneficiaries.rawValue
        let fields = [
            FormField(
                id: "per", label: catalogue["field_dimension"],
                kind: .select(Self.dimensions.map { ($0.rawValue, catalogue["dimension_\($0.rawValue)"]) }),
                value: chosen),
            FormField(
                id: "misura", label: catalogue["field_measure"],
                kind: .select(ReportMeasure.allCases.map { ($0.rawValue, catalogue["measure_\($0.rawValue)"]) }),
                value: measure),
        ]
        var values: [String: Any] = [
            "form": [
                "action": "/report", "get": true, "fields": fields.map(\.context), "button": catalogue["report_show"],
            ]
                as [String: Any]
        ]
        if query.get("per") != nil {
            let table = try await pages.calls.deliveriesReport(try Self.reportRequest(request), by: visitor.session)
            values["reportHTML"] = ReportMarkup.html(table, visit.language)
            values["csvHref"] = "/report.csv?per=\(chosen)&misura=\(measure)"
        }
        return pages.renderer.page("report", titleKey: "report_title", values: values, visit: visit)
    }

    // MARK: Audit log

    private func audit(
        _ request: Request, _ visit: PageVisit, _ visitor: PageVisit.Visitor, verification: AuditVerification?
    ) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let query = request.uri.queryParameters
        let value = { (key: String) in query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
        let decision = try value("decisione").map { try AuditDecision.parse($0, field: "decisione") }
        let filter = AuditFilter(subject: value("persona"), actor: value("utente"), decision: decision)
        let entries = try await pages.calls.auditEntries(matching: filter, by: visitor.session)
        let pageNumber = max(1, Int(value("pagina") ?? "1") ?? 1)
        let shown = entries.dropFirst((pageNumber - 1) * Self.auditPageSize).prefix(Self.auditPageSize)
        let rows = shown.map { entry -> [String: Any] in
            [
                "seq": entry.seq, "time": catalogue.time(entry.time), "actor": entry.actor ?? "",
                "action": entry.action, "subject": entry.subject ?? "",
                "subjectHref": entry.subject.map { "/persone/\($0)/diritti" } ?? false,
                "category": entry.category.map { catalogue["category_\($0)"] } ?? "",
                "decision": catalogue["decision_\(entry.decision)"], "emergency": entry.emergency,
            ]
        }
        let fields = [
            FormField(id: "persona", label: catalogue["audit_filter_person"], value: value("persona") ?? ""),
            FormField(id: "utente", label: catalogue["audit_filter_user"], value: value("utente") ?? ""),
            FormField(
                id: "decisione", label: catalogue["audit_filter_decision"],
                kind: .select([
                    ("", catalogue["decision_any"]), ("allow", catalogue["decision_allow"]),
                    ("deny", catalogue["decision_deny"]),
                ]),
                value: value("decisione") ?? ""),
        ]
        func pageHref(_ number: Int) -> String {
            var components = URLComponents()
            components.path = "/audit"
            components.queryItems =
                ["persona", "utente", "decisione"].compactMap { key in
                    value(key).map { URLQueryItem(name: key, value: $0) }
                } + [URLQueryItem(name: "pagina", value: String(number))]
            return components.string ?? "/audit"
        }
        var values: [String: Any] = [
            "fields": fields.map(\.context), "entries": rows, "hasEntries": !rows.isEmpty, "page": pageNumber,
        ]
        if pageNumber > 1 { values["previousHref"] = pageHref(pageNumber - 1) }
        if entries.count > pageNumber * Self.auditPageSize { values["nextHref"] = pageHref(pageNumber + 1) }
        if let verification {
            values["verification"] = [
                "cssClass": verification.isValid ? "good" : "bad",
                "text": verification.isValid
                    ? "\(catalogue["verify_ok"]): \(verification.entries)"
                    : "\(catalogue["verify_failed"]): \(catalogue.verificationSummary(verification))",
            ]
        }
        return pages.renderer.page("audit", titleKey: "audit_title", values: values, visit: visit)
    }
}
