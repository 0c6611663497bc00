import Hummingbird
import Logging
import RegistroKit

/// Turns every error a handler throws into `{"error": SLUG, "message": SENTENCE}` with its
/// status; a method a route does not take gets 405 with `Allow`. An unexpected error is logged by type only (never its text, which could hold a
/// value) and answered 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RegistroRequestContext

    /// Where unexpected errors are noted.
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return error.response()
        } catch let error as RegistroError {
            if error.kind == .internal { logger.error("internal registry error on \(context.endpointPath ?? "?")") }
            return ServerError.from(error).response()
        } catch let refusal as LoginRefusal {
            return ServerError.from(refusal).response()
        } catch let error as any HTTPResponseError {
            let methods = error.status == .notFound ? OpenAPIDocument.methods(at: request.uri.path) : []
            guard !methods.isEmpty else { return ServerError.from(error).response() }
            // The route exists, with other methods: 405 and the methods it takes.
            var response = ServerError(
                .methodNotAllowed, "method_not_allowed",
                "this route takes \(methods.joined(separator: ", ")) only; see /api/openapi.json"
            ).response()
            response.headers[.allow] = methods.joined(separator: ", ")
            return response
        } catch {
            logger.error("unexpected \(type(of: error)) on \(context.endpointPath ?? "?")")
            return ServerError(.internalServerError, "internal", "the server failed on this request; try again later")
                .response()
        }
    }
}
