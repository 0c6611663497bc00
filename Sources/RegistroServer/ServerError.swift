import Foundation
import HTTPTypes
import Hummingbird
import RegistroKit

/// An error the API answers with: a status, a slug and one sentence, as
/// `{"error": SLUG, "message": SENTENCE}` plus any extra members.
public struct ServerError: Error, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The machine-readable slug.
    public let slug: String
    /// One sentence for a person.
    public let message: String
    /// Extra members of the body (an enrolment's URI and codes).
    var extra: [(String, JSONValue)] = []

    /// An error answered with `status`, `slug` and `message`.
    public init(_ status: HTTPResponse.Status, _ slug: String, _ message: String) {
        self.status = status
        self.slug = slug
        self.message = message
    }

    /// The body of the answer.
    var json: JSONValue {
        .object([("error", .string(slug)), ("message", .string(message))] + extra)
    }

    /// No valid session or token.
    static let unauthenticated = ServerError(
        .unauthorized, "unauthenticated", "log in first: send the session cookie or an Authorization: Bearer token")

    /// The thing asked for does not exist, or the user has no relationship to it: the same words.
    static func notFound(_ what: String) -> ServerError {
        ServerError(.notFound, "not_found", "no \(what) here for you; check the id")
    }

    /// A usage error on a request's key or parameter.
    static func badRequest(_ message: String) -> ServerError {
        ServerError(.badRequest, "bad_request", message)
    }

    /// The answer for a library error: its kind decides the status.
    static func from(_ error: RegistroError) -> ServerError {
        switch error.kind {
        case .usage: ServerError(.badRequest, "bad_request", error.message)
        case .invalidData: ServerError(.unprocessableContent, "invalid", error.message)
        case .notFound: ServerError(.notFound, "not_found", error.message)
        case .denied: ServerError(.forbidden, "denied", error.message)
        case .checkFailed: ServerError(.conflict, "check_failed", error.message)
        case .internal: ServerError(.internalServerError, "internal", error.message)
        }
    }

    /// The answer for a refused login.
    static func from(_ refusal: LoginRefusal) -> ServerError {
        switch refusal {
        case .invalidCredentials: return ServerError(.unauthorized, "invalid_credentials", refusal.message)
        case .locked: return ServerError(.tooManyRequests, "locked", refusal.message)
        case .passwordChangeRequired: return ServerError(.forbidden, "password_change_required", refusal.message)
        case .codeRequired: return ServerError(.unauthorized, "totp_required", refusal.message)
        case .unacceptableNewPassword: return ServerError(.unprocessableContent, "invalid", refusal.message)
        case .enrolmentRequired(let enrolment):
            var error = ServerError(.forbidden, "totp_enrolment_required", refusal.message)
            error.extra = [
                ("otpauth", .string(enrolment.provisioningURI)), ("secret", .string(enrolment.secret)),
                ("recovery_codes", .array(enrolment.recoveryCodes.map(JSONValue.string))),
            ]
            return error
        }
    }

    /// The answer for an error of the HTTP layer (a body too large, a bad request line).
    static func from(_ error: any HTTPResponseError) -> ServerError {
        switch error.status {
        case .contentTooLarge:
            ServerError(.contentTooLarge, "too_large", "the request body is too large; send a smaller one")
        case .notFound: ServerError(.notFound, "not_found", "no such route; see /api/openapi.json")
        case .methodNotAllowed:
            ServerError(
                .methodNotAllowed, "method_not_allowed", "this route does not take this method; see /api/openapi.json")
        default: ServerError(error.status, "http_error", "the request was refused (\(error.status.code)); check it")
        }
    }

    /// The response carrying this error.
    func response() -> Response {
        JSONResponse.make(json, status: status)
    }
}
