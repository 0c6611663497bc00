import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// Uploading a spreadsheet of services: a dry run first, whose problems are shown by line, then
/// a confirmation that imports the file kept in the server's memory.
struct ImportPages: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("importa") { request, context in
            try await pages.signedIn(request, context) { visit, _, _ in page(visit) }
        }
        router.post("importa") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await check(visit, visitor, form)
            }
        }
        router.post("importa/conferma") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, form in
                try await confirm(visit, visitor, form)
            }
        }
    }

    private func page(_ visit: PageVisit, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        var values = extra
        values["intro"] = catalogue["import_intro"]
        values["form"] =
            [
                "action": "/importa", "multipart": true, "button": catalogue["import_check"],
                "fields": [
                    FormField(id: "file", label: catalogue["field_file"], kind: .input(type: "file"), required: true)
                        .context
                ],
            ] as [String: Any]
        return pages.renderer.page("form-page", titleKey: "import_title", values: values, visit: visit, status: status)
    }

    private func check(_ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let bytes = form.files["file"] ?? []
        switch try await pages.calls.importDeliveries(
            bytes, dryRun: true, by: visitor.session, loggingStartTo: pages.logger)
        {
        case .refused(_, let problems):
            let rows = problems.map { problem -> [String: Any] in
                [
                    "line": problem.line,
                    "message": [problem.column, catalogue.problem(problem)].compactMap { $0 }.joined(separator: ": "),
                ]
            }
            let result: [String: Any] = [
                "heading": catalogue["import_problems_by_line"], "problems": rows, "hasProblems": !rows.isEmpty,
            ]
            return page(
                visit, extra: ["result": result, "alert": catalogue["import_problems"]], status: .unprocessableContent)
        case .imported(let summary):
            let id = pages.pendingImports.keep(bytes, for: visitor.user.id)
            let result: [String: Any] = [
                "heading": "\(catalogue["import_ok"]): \(summary.rows)",
                "confirm": [
                    "action": "/importa/conferma", "button": catalogue["import_confirm"],
                    "hidden": [["name": "file", "value": id]],
                ] as [String: Any],
            ]
            return page(visit, extra: ["result": result])
        }
    }

    private func confirm(_ visit: PageVisit, _ visitor: PageVisit.Visitor, _ form: FormBody) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        guard let id = form["file"], let bytes = pages.pendingImports.take(id, for: visitor.user.id) else {
            return page(visit, extra: ["alert": catalogue["import_expired"]], status: .gone)
        }
        switch try await pages.calls.importDeliveries(
            bytes, dryRun: false, by: visitor.session, loggingStartTo: pages.logger)
        {
        case .imported(let summary):
            return page(visit, extra: ["notice": "\(catalogue["import_done"]): \(summary.rows)"])
        case .refused(_, let problems):
            let rows = problems.map { ["line": $0.line, "message": $0.message] as [String: Any] }
            let result: [String: Any] = [
                "heading": catalogue["import_problems_by_line"], "problems": rows, "hasProblems": true,
            ]
            return page(visit, extra: ["result": result], status: .unprocessableContent)
        }
    }
}
