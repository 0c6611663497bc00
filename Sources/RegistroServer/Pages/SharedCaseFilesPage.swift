import Foundation
import Hummingbird
import RegistroKit
import RegistroOutput

/// The coordinator's list of the case files other organisations share with theirs by consent,
/// paged, each linking to the case file for its purpose.
struct SharedCaseFilesPage: Sendable {
    /// The shared page machinery.
    let pages: PageRoutes

    /// Adds the page to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        router.get("condivise") { request, context in
            try await pages.signedIn(request, context) { visit, visitor, _ in
                let number = request.uri.queryParameters.get("pagina").flatMap { Int($0) } ?? 1
                return try await page(number, visit, visitor)
            }
        }
    }

    private func page(_ number: Int, _ visit: PageVisit, _ visitor: PageVisit.Visitor) async throws -> Response {
        let catalogue = pages.renderer.catalogue(visit.language)
        let shared = try await pages.calls.sharedCaseFiles(page: number, by: visitor.session)
        let rows = shared.files.map { file -> [String: Any] in
            var link = URLComponents()
            link.path = "/persone/\(file.beneficiary)"
            link.queryItems = [URLQueryItem(name: "finalita", value: file.purpose)]
            return [
                "person": file.beneficiary, "href": link.string ?? link.path, "owner": file.owner,
                "purpose": catalogue.strings["purpose_\(file.purpose)"] ?? file.purpose,
                "categories": file.categories.map { catalogue["category_\($0.rawValue)"] }.joined(separator: ", "),
                // The day the consent was given in the display zone, as the pages show times.
                "since": DisplayTime.current.day(iso: file.since),
            ]
        }
        var values: [String: Any] = [
            "files": rows, "hasFiles": !rows.isEmpty, "page": shared.page, "pageCount": shared.pageCount,
            "total": shared.total,
        ]
        if shared.page > 1 { values["previousHref"] = "/condivise?pagina=\(shared.page - 1)" }
        if shared.page < shared.pageCount { values["nextHref"] = "/condivise?pagina=\(shared.page + 1)" }
        return pages.renderer.page("shared", titleKey: "shared_title", values: values, visit: visit)
    }
}
