import Foundation
import RegistroKit

/// Synthetic spreadsheet rows for import tests: people with valid codici fiscali, names and
/// notes that the tests then look for in the database files.
struct SyntheticSpreadsheet {
    struct Person {
        let givenName: String
        let familyName: String
        let codiceFiscale: String
        let birthDate: String
        /// The sex the codice fiscale encodes, F or M.
        var sex: String { Int(codiceFiscale.dropFirst(9).prefix(2)).map { $0 > 40 ? "F" : "M" } ?? "F" }
    }

    static let header =
        "codice_fiscale,ref,given_name,family_name,birth_date,sex,citizenship,comune,phone,email,vulnerabilities,service_code,date,hours,channel,outcome,impact,notes,project"

    /// `count` distinct people; names are built from the index so every one is unique and
    /// searchable.
    static func people(_ count: Int, prefix: String = "") -> [Person] {
        let consonants = Array("BCDFGLMNPRSTVZ")
        return (0..<count).map { index in
            func word(_ seed: Int) -> String {
                var letters = ""
                var value = seed
                for position in 0..<5 {
                    letters.append(position % 2 == 0 ? consonants[value % consonants.count] : Array("AEIOU")[value % 5])
                    value /= position % 2 == 0 ? consonants.count : 5
                }
                return letters.prefix(1) + letters.dropFirst().lowercased()
            }
            let given = "\(prefix)Nome" + word(index)
            let family = "\(prefix)Cognome" + word(index * 7 + 3)
            let birth = CalendarDate(year: 1950 + index % 50, month: 1 + index % 12, day: 1 + index % 28)!
            let code = try! CodiceFiscale.make(
                familyName: family, givenName: given, birthDate: birth, sex: index % 2 == 0 ? .female : .male,
                placeCode: "A479")
            return Person(givenName: given, familyName: family, codiceFiscale: code.value, birthDate: birth.description)
        }
    }

    /// A CSV row for a delivery to `person` with a unique note `note`.
    static func row(_ person: Person, ref: String, date: String, note: String) -> String {
        [
            person.codiceFiscale, ref, person.givenName, person.familyName, person.birthDate, person.sex, "IT", "Asti",
            "", "", "disoccupazione", "RT.LAV01", date, "\"1,5\"", "cpi", "in_corso", "7", note, "prova",
        ]
        .joined(separator: ",")
    }
}
