import Hummingbird
import RegistroKit
import RegistroOutput

/// `GET /api/audit` and `POST /api/audit/verify`: the CLI's `audit log --format json` and
/// `audit verify`, for privacy officers and admins.
struct AuditRoutes {
    /// The library calls.
    let calls: RegistryCalls

    /// The most entries one page holds.
    static let pageSize = 500

    /// `/audit`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.get(use: log)
        routes.post("verify", use: verify)
        routes.get("subject-report/:id", use: subjectReport)
        return routes
    }

    /// The entries matching `subject`, `actor`, `org`, `decision`, `since`, `until`, one page
    /// (`page`, from 1) at a time, each as `audit log --format json` prints it. `since` and
    /// `until` are days of the display time zone (`TZ`), as the command line and the pages count
    /// them.
    @Sendable func log(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        func value(_ key: String) -> String? { query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
        let filter = AuditFilter(
            subject: value("subject"), actor: value("actor"), org: value("org"),
            decision: try value("decision").map { try AuditDecision.parse($0, field: "decision") },
            since: try value("since").map { try Self.day($0, key: "since") },
            until: try value("until").map { try Self.day($0, key: "until") }, zone: DisplayTime.current.zone)
        let page =
            try value("page").map { text -> Int in
                guard let page = Int(text), page >= 1 else {
                    throw ServerError.badRequest("`page` is a whole number from 1")
                }
                return page
            } ?? 1
        let entries = try await calls.auditEntries(matching: filter, by: try context.session())
        let shown = entries.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        return JSONResponse.make(AuditLogView(Array(shown)).json)
    }

    /// `{"beneficiary", "owner", "recipients", "accesses", "changes"}` as `audit subject-report
    /// --format json` prints it, each entry with its `basis`; 404 for a person the user has no
    /// relationship to.
    @Sendable func subjectReport(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let user = try context.session()
        let report = try await hidingUnrelated(beneficiary: id) { try await calls.subjectReport(of: id, by: user) }
        return JSONResponse.make(SubjectReportView(report).json)
    }

    /// `{"valid", "entries", "checkpoints", "summary"}`; the summary names the first entry
    /// that does not verify.
    @Sendable func verify(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let verification = try await calls.verifyAuditLog(by: try context.session())
        return JSONResponse.make(
            .object([
                ("valid", .bool(verification.isValid)), ("entries", .int(verification.entries)),
                ("checkpoints", .int(Int64(verification.checkpoints))),
                ("first_failure", verification.failure.map { .int($0.seq) } ?? .null),
                ("summary", .string(verification.summary)),
            ]))
    }

    /// The day of a `since`/`until` parameter.
    private static func day(_ text: String, key: String) throws -> CalendarDate {
        do throws(FieldProblem) {
            return try CalendarDate.parse(text)
        } catch {
            throw ServerError.badRequest("`\(key)`: \(error.message)")
        }
    }
}
