import Hummingbird
import RegistroKit
import RegistroOutput

/// `GET /api/reports/deliveries?by=a,b&measure=M&from=D&to=D&min_cell=K&exact=true`,
/// `GET /api/reports/overlaps?axis=A&from=D&to=D` and `GET /api/reports/scheda?org=O`: the CLI's
/// `report … --format json`, with its disclosure control and audit.
struct ReportRoutes {
    /// The library calls.
    let calls: RegistryCalls

    /// `/reports`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get("deliveries", use: deliveries)
        routes.get("overlaps", use: overlaps)
        routes.get("scheda", use: scheda)
        return routes
    }

    /// The report as `report deliveries --format json` prints it.
    @Sendable func deliveries(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let value = Self.values(request)
        guard let by = value("by") else {
            throw ServerError.badRequest("give the report's dimensions as `?by=` (e.g. `by=territory,axis`)")
        }
        let minCell = try Self.minCell(value)
        let report = DeliveryReportRequest(
            dimensions: try ReportDimension.list(by),
            measure: try value("measure").map { try ReportMeasure.parse($0) } ?? .beneficiaries,
            period: try ReportPeriod.parse(from: value("from"), to: value("to")), minCell: minCell,
            exact: try ImportRoutes.flag(value("exact"), key: "exact"))
        let table = try await calls.deliveriesReport(report, by: try context.session())
        return JSONResponse.make(ReportTableView(table).json)
    }

    /// The overlap report as `report overlaps --format json` prints it.
    @Sendable func overlaps(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let value = Self.values(request)
        let table = try await calls.overlapReport(
            axis: value("axis"), period: try ReportPeriod.parse(from: value("from"), to: value("to")),
            minCell: try Self.minCell(value), by: try context.session())
        return JSONResponse.make(ReportTableView(table).json)
    }

    /// The monitoring sheet as `report scheda --format json` prints it.
    @Sendable func scheda(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let value = Self.values(request)
        guard let org = value("org") else { throw ServerError.badRequest("give the organisation as `?org=`") }
        let sheet = try await calls.monitoringSheet(
            of: org, period: try ReportPeriod.parse(from: value("from"), to: value("to")),
            minCell: try Self.minCell(value),
            by: try context.session())
        return JSONResponse.make(MonitoringSheetView(sheet).json)
    }

    /// The non-empty query parameters of `request`, by name.
    private static func values(_ request: Request) -> (String) -> String? {
        let query = request.uri.queryParameters
        return { key in query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// The `min_cell` parameter, the default when absent.
    private static func minCell(_ value: (String) -> String?) throws -> Int {
        try value("min_cell").map { text -> Int in
            guard let number = Int(text) else { throw ServerError.badRequest("`min_cell` is a whole number") }
            return number
        } ?? DeliveryReportRequest.defaultMinCell
    }
}
