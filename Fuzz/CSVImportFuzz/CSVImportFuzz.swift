// Fuzz target for the delivery importer: any bytes are imported as a spreadsheet export, through
// `Registry.importDeliveries` (CSV reader, text decoding, row validation, matching people,
// the access gate) as a dry run, on one real registry in a temporary directory made once per
// process. An import must either succeed without a problem or fail with invalid data after
// reporting at least one problem as `FILE:LINE: column: problem` — never crash, and never end
// with any other error. The registry holds a few synthetic people, so that rows can match a
// person by codice fiscale or file number, including a person of another organisation, as well
// as create new ones.
//
// `make fuzz TARGET=csv-import` runs it under libFuzzer; `swift run CSVImportFuzz FILE…` replays
// inputs, printing each import's outcome (counts only, never a field).

import Foundation
import FuzzDriver
import RegistroKit

/// The registry every input is imported into, made on first use and removed at exit.
enum Fixture {
    /// The name inputs are imported under, which every problem must name.
    static let fileName = "fuzz.csv"
    /// The operator who imports the inputs: a social worker of `alfa`.
    static let importer = "sw-alfa"
    /// The importer's session, opened once for every input.
    static let imports: ImportService = {
        do {
            return try registry.session(as: importer).imports
        } catch {
            fatalError("the fuzz target's importer cannot be identified: \(error)")
        }
    }()

    /// The temporary directory of the registry, one per process.
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("registro-fuzz-csv-\(ProcessInfo.processInfo.processIdentifier)")

    /// The registry: organisations `alfa` and `beta` of network `rete`, a social worker in
    /// each, and three synthetic people (two of `alfa`, with file numbers `A-1` and `A-2`, one of
    /// `beta`, `B-1`), each with one delivery.
    static let registry: Registry = {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: Fixture.directory) }
            let registry = try Registry.create(
                at: RegistryLocation(database: directory.appendingPathComponent("registro.db").path), protection: .none,
                network: Network(id: "rete", name: "Rete di prova"))
            for org in ["alfa", "beta"] {
                try registry.organisations().addOrganisation(
                    Organisation(id: org, name: "Cooperativa \(org)", kind: .ets, networks: ["rete"]))
            }
            // Users of more than one organisation are the operator's to add.
            let setUp = registry.organisations()
            for org in ["alfa", "beta"] {
                try setUp.addUser(Operator(id: "sw-\(org)", name: "Operatrice \(org)", org: org, role: .socialWorker))
            }
            try importPeople(
                into: registry, as: "sw-alfa",
                [
                    (
                        familyName: "Prova", givenName: "Maria", birth: (1990, 3, 15), sex: .female, ref: "A-1",
                        service: "RT.LAV01"
                    ),
                    (
                        familyName: "Esempio", givenName: "Luca", birth: (1985, 11, 2), sex: .male, ref: "A-2",
                        service: "RT.ACC02"
                    ),
                ])
            try importPeople(
                into: registry, as: "sw-beta",
                [
                    (
                        familyName: "Finto", givenName: "Paolo", birth: (2001, 6, 30), sex: .male, ref: "B-1",
                        service: "RT.CAS01"
                    )
                ])
            return registry
        } catch {
            fatalError("the fuzz target's registry cannot be made: \(error)")
        }
    }()

    /// Imports one delivery for each synthetic person, as `actor`.
    private static func importPeople(
        into registry: Registry, as actor: String,
        _ people: [(
            familyName: String, givenName: String, birth: (Int, Int, Int), sex: CodiceFiscale.Sex, ref: String,
            service: String
        )]
    ) throws {
        var csv = "codice_fiscale,ref,given_name,family_name,birth_date,sex,service_code,date\n"
        for person in people {
            let birth = CalendarDate(year: person.birth.0, month: person.birth.1, day: person.birth.2)!
            let code = try CodiceFiscale.make(
                familyName: person.familyName, givenName: person.givenName, birthDate: birth, sex: person.sex,
                placeCode: "A479")
            csv +=
                "\(code.value),\(person.ref),\(person.givenName),\(person.familyName),\(birth),\(person.sex.rawValue),\(person.service),2024-01-10\n"
        }
        _ = try registry.session(as: actor).imports.importDeliveries(
            from: .bytes(Array(csv.utf8), name: "people.csv"), report: { _ in })
    }
}

/// Imports one input as a dry run and checks how the import ended.
func importInput(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var problems = 0
    let report = { (problem: ImportProblem) in
        precondition(
            problem.file == Fixture.fileName && problem.line >= 0 && !problem.message.isEmpty,
            "a problem names the file, a line and what is wrong")
        problems += 1
    }
    do {
        let summary = try Fixture.imports.importDeliveries(
            from: .bytes(Array(bytes), name: Fixture.fileName), dryRun: true, report: report)
        precondition(problems == 0, "an import that succeeds reported no problem")
        precondition(
            summary.dryRun && summary.peopleCreated + summary.rowsMatched == summary.rows,
            "every row imported created or matched its person")
        return
            "imported \(summary.rows) rows: \(summary.peopleCreated) people new, \(summary.rowsMatched) rows matched (\(summary.encoding), `\(summary.separator)`)"
    } catch let error as RegistroError where error.kind == .invalidData {
        precondition(problems > 0, "an import refused as invalid data reports its problems")
        return "refused with \(problems) problems"
    } catch {
        preconditionFailure("an import ended with an error other than invalid data: \(error)")
    }
}

/// The program: the fuzz driver running `importInput`.
@main
enum CSVImportFuzz {
    static func main() { FuzzDriver.main(importInput) }
}
