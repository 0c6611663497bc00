import RegistroKit

/// Runs a call about one person and answers 404 when the person does not exist or the user
/// has no relationship to them (the policies denied it): the same answer either way, so that
/// nobody learns which ids exist.
///
/// The library reports a missing person as invalid data whose problem reads "no beneficiary …".
func hidingUnrelated<T>(beneficiary: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RegistroError where error.kind == .denied || error.saysMissing("beneficiary") {
        throw ServerError.notFound("beneficiary `\(beneficiary)`")
    }
}

extension RegistroError {
    /// Whether the error says that no `thing` (a beneficiary, a user, a consent grant) has the
    /// id given: invalid data whose problem starts "no THING".
    func saysMissing(_ thing: String) -> Bool {
        kind == .invalidData && issues.contains { $0.problem.hasPrefix("no \(thing)") }
    }
}
