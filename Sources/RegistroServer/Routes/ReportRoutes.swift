import Hummingbird
import RegistroKit

/// `GET /api/reports/deliveries?by=a,b&measure=M&from=D&to=D&min_cell=K`: the CLI's `report
/// deliveries --format json`, with its disclosure control and audit.
struct ReportRoutes {
    /// The library calls.
    let calls: RegistryCalls

    /// `/reports`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get("deliveries", use: deliveries)
        return routes
    }

    /// The report as `report deliveries --format json` prints it.
    @Sendable func deliveries(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        func value(_ key: String) -> String? { query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
        guard let by = value("by") else {
            throw ServerError.badRequest("give the report's dimensions as `?by=` (e.g. `by=territory,axis`)")
        }
        let minCell = try value("min_cell").map { text -> Int in
            guard let number = Int(text) else { throw ServerError.badRequest("`min_cell` is a whole number") }
            return number
        } ?? DeliveryReportRequest.defaultMinCell
        let report = DeliveryReportRequest(
            dimensions: try ReportDimension.list(by, option: "by"),
            measure: try value("measure").map { try ReportMeasure.parse($0, option: "measure") } ?? .beneficiaries,
            period: try ReportPeriod.parse(from: value("from"), to: value("to")), minCell: minCell)
        let table = try await calls.deliveriesReport(report, by: try context.user())
        return JSONResponse.make(table.jsonValue())
    }
}
