import Hummingbird
import RegistroKit

/// `GET /health`: whether the server and its database answer. No authentication, no data.
struct HealthRoutes {
    /// `/health`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get { _, _ in
            JSONResponse.make(.object([("status", .string("ok"))]))
        }
        return routes
    }
}
