import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// Logs one line per request: method, route template (never the path with its ids), status,
/// duration and the signed-in user's id. No query, header or body value is ever logged.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RegistroRequestContext

    /// Where the lines go.
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let duration = String(format: "%.1f", milliseconds)
            let route = context.endpointPath ?? "(no route)"
            logger.info(
                "\(request.method) \(route) \(status) \(duration)ms user=\(context.signedInUserID.value ?? "-")")
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}

/// The id of the user a request was authenticated as, written by the authentication
/// middleware and read by the request log, which sits outside it and sees no later context.
final class SignedInUserID: Sendable {
    private let box = NIOLockedValueBox<String?>(nil)

    /// The user's id, once known.
    var value: String? {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}
