import RegistroKit
import Testing

/// Rejected values are personal data: no problem may repeat them, nor any run of five of their
/// characters, whatever the validator.
@Suite struct ProblemsNeverEchoValuesTests {
    static let cases: [(validator: String, value: String)] = [
        ("codice fiscale", "RSSMRA85T10A562X"),
        ("codice fiscale", "rssmra85t10a562"),
        ("codice fiscale", "RSSMRA85F10A562S"),
        ("codice fiscale", "RSSMRA85T99A562S"),
        ("codice fiscale", "BNCGVN7OA01L219K"),
        ("codice fiscale", "VRDLCU90A01L219JK"),
        ("organisation", "06363391002"),
        ("organisation", "0636339100"),
        ("organisation", "BNCGVN70A01L219K"),
        ("date", "1985-02-30"),
        ("date", "30/02/1985"),
        ("date", "1985-13-01"),
        ("date", "12/07/85"),
        ("date", "1850-07-12"),
        ("email", "giovanna.bianchi@@posta.it"),
        ("email", "giovanna.bianchi posta.it"),
        ("phone", "+39 347 98x7654"),
        ("phone", "34798"),
        ("hours", "12,345"),
        ("impact", "12345"),
        ("text", String(repeating: "Giovanna Bianchi ", count: 10)),
    ]

    @Test func noProblemContainsTheValueOrAnyFiveCharactersOfIt() {
        for (validator, value) in Self.cases {
            let problem = Self.rejection(of: value, by: validator)
            guard let message = problem?.message.uppercased() else {
                Issue.record("\(validator) accepted a value meant to be rejected")
                continue
            }
            let characters = Array(value.uppercased().filter { $0 != " " })
            for start in 0..<max(0, characters.count - 4) {
                let run = String(characters[start..<(start + 5)])
                #expect(!message.contains(run), "\(validator) problem repeats part of the value")
            }
        }
    }

    static func rejection(of value: String, by validator: String) -> FieldProblem? {
        switch validator {
        case "codice fiscale": problem(codiceFiscale: value)
        case "organisation": problem(organisationCode: value)
        case "date": problem(date: value)
        case "email": problem { try Email.validated(value) }
        case "phone": problem { try Phone.validated(value) }
        case "hours": problem { try Hours.parse(value) }
        case "impact": problem { try Impact.parse(value) }
        default: problem { try TextLimit.checked(value, limit: TextLimit.name) }
        }
    }
}
