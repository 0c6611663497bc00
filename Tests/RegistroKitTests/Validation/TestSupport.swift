@testable import RegistroKit
import Testing

/// The problem `body` throws, or `nil` when it succeeds.
func problem<T>(_ body: () throws -> T) -> FieldProblem? {
    do {
        _ = try body()
        return nil
    } catch let problem as FieldProblem {
        return problem
    } catch {
        Issue.record("threw something other than a field problem")
        return nil
    }
}

extension String {
    /// The string without surrounding spaces, for expectations.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// The problem validating `text` as a person's codice fiscale raises, or `nil`.
func problem(codiceFiscale text: String) -> FieldProblem? {
    problem { try CodiceFiscale(text) }
}

/// The problem validating `text` as an organisation's fiscal code raises, or `nil`.
func problem(organisationCode text: String) -> FieldProblem? {
    problem { try OrganisationFiscalCode.validated(text) }
}

/// The problem reading `text` as a date raises, or `nil`.
func problem(date text: String) -> FieldProblem? {
    problem { try CalendarDate.parse(text) }
}

/// `first15` completed with its check character, to build codes whose only fault is elsewhere.
func withCheckCharacter(_ first15: String) -> String {
    let code = CompactCode(first15)
    precondition(code.count == 15)
    return first15 + String(UnicodeScalar(CodiceFiscale.checkCharacter(code)))
}
