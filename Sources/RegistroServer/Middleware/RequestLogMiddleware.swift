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
            let duration = Self.milliseconds(ContinuousClock.now - start)
            let route = context.endpointPath ?? "(no route)"
            logger.info(
                "\(request.method) \(route) \(status) \(duration)ms user=\(context.signedInUserID.value ?? "-")")
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }

    /// `elapsed` in milliseconds with one decimal, rounded (`12.3`), without Foundation's
    /// formatting, which costs more than the rest of the line.
    static func milliseconds(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        let tenths = seconds * 10_000 + (attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
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
