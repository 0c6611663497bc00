import RegistroKit

/// Runs a call about one person and answers 404 when the person does not exist or the user
/// has no relationship to them (the policies denied it): the same answer either way, so that
/// nobody learns which ids exist.
func hidingUnrelated<T>(beneficiary: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RegistroError where error.kind == .denied || error.kind == .notFound {
        throw ServerError.notFound("beneficiary `\(beneficiary)`")
    }
}
