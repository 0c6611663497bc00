import Hummingbird
import Logging
import RegistroKit

/// Turns every error a handler throws into `{"error": SLUG, "message": SENTENCE}` with its
/// status. An unexpected error is logged by type only (never its text, which could hold a
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
            return ServerError.from(error).response()
        } catch {
            logger.error("unexpected \(type(of: error)) on \(context.endpointPath ?? "?")")
            return ServerError(.internalServerError, "internal", "the server failed on this request; try again later")
                .response()
        }
    }
}
