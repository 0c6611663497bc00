import Foundation
import GRDB
import RegistroTestSupport
@testable import RegistroKit

/// A registry in a temporary directory for import tests: two organisations of one network, a
/// social worker in each (`sw-alfa`, `sw-beta`). Removed at the end.
final class ImportFixture {
    /// The temporary directory.
    let directory: URL
    /// The registry.
    let registry: Registry

    /// A new registry with its organisations and users.
    init() throws {
        let scratch = try ScratchRegistry("registro-import-unit", network: Network(id: "rete", name: "Rete di prova"))
        directory = scratch.folder
        registry = scratch.registry
        for org in ["alfa", "beta"] {
            try registry.organisations().addOrganisation(
                Organisation(id: org, name: "Cooperativa \(org)", kind: .ets, networks: ["rete"]))
        }
        try registry.organisations().addUser(Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin))
        let admin = registry.organisations()
        for org in ["alfa", "beta"] {
            try admin.addUser(Operator(id: "sw-\(org)", name: "Operatrice \(org)", org: org, role: .socialWorker))
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Imports `csv` as `actor`, returning the summary or the problems reported.
    func importing(
        _ csv: String, as actor: String, name: String = "file.csv", dryRun: Bool = false
    ) -> Result<ImportSummary, ImportFailure> {
        var problems: [String] = []
        do {
            let summary = try registry.session(as: actor).imports.importDeliveries(
                from: .bytes(Array(csv.utf8), name: name), dryRun: dryRun,
                report: { problems.append($0.description) })
            return .success(summary)
        } catch {
            return .failure(ImportFailure(problems: problems, error: "\(error)"))
        }
    }

    /// A valid codice fiscale for a synthetic person.
    static func codiceFiscale(
        _ family: String, _ given: String, _ year: Int, _ month: Int, _ day: Int, female: Bool
    ) -> String {
        try! CodiceFiscale.make(
            familyName: family, givenName: given, birthDate: CalendarDate(year: year, month: month, day: day)!,
            sex: female ? .female : .male, placeCode: "A479"
        ).value
    }
}

/// The problems of an import that stored nothing.
struct ImportFailure: Error {
    /// Every problem, as `FILE:LINE: column: problem`.
    var problems: [String]
    /// The error the import ended with.
    var error: String
}
