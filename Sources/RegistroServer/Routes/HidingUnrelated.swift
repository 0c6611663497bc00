import RegistroKit

/// Runs a call about one person and answers 404 when the person does not exist or the user
/// has no relationship to them (the policies denied it): the same answer either way, so that
/// nobody learns which ids exist.
///
/// The library reports a missing person as invalid data starting "no beneficiary"; until its
/// errors carry the field, that sentence is how the server recognises it.
func hidingUnrelated<T>(beneficiary: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RegistroError where error.kind == .denied || error.message.hasPrefix("no beneficiary") {
        throw ServerError.notFound("beneficiary `\(beneficiary)`")
    }
}
