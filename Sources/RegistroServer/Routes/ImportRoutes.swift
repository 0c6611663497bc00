import Hummingbird
import Logging
import NIOCore
import RegistroKit

/// `POST /api/imports[?dry_run=true]`: the body is the spreadsheet's CSV, as `import deliveries`
/// takes it, up to the configured size (50 MB by default).
struct ImportRoutes {
    /// The library calls.
    let calls: RegistryCalls
    /// The import size limit.
    let settings: ServerSettings
    /// Where an import's start is logged.
    let logger: Logger

    /// `/imports`.
    var routes: RouteCollection<RegistroRequestContext> {
        let routes = RouteCollection(context: RegistroRequestContext.self)
        routes.post(use: importDeliveries)
        return routes
    }

    /// 201 (200 for a dry run) with the summary; 422 with every problem as
    /// `{"line", "column", "message"}`, nothing stored. An import may take minutes: its start
    /// is logged (the file's size and the user's id), before the request's own line at its end.
    @Sendable func importDeliveries(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let user = try context.session()
        let dryRun = try Self.flag(request.uri.queryParameters.get("dry_run"), key: "dry_run")
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.maximumImportBytes)
        } catch is NIOTooManyBytesError {
            throw ServerError(
                .contentTooLarge, "too_large",
                "the file is over \(settings.maximumImportBytes) bytes; split it and import the parts")
        }
        switch try await calls.importDeliveries(
            Array(buffer.readableBytesView), dryRun: dryRun, by: user, loggingStartTo: logger)
        {
        case .imported(let summary):
            return JSONResponse.make(
                .object([
                    ("rows", .int(Int64(summary.rows))), ("people_created", .int(Int64(summary.peopleCreated))),
                    ("rows_matched", .int(Int64(summary.rowsMatched))), ("file_digest", .string(summary.fileDigest)),
                    ("encoding", .string(summary.encoding)), ("separator", .string(summary.separator)),
                    ("dry_run", .bool(summary.dryRun)),
                ]),
                status: dryRun ? .ok : .created)
        case .refused(let error, let problems):
            var refusal = ServerError(.unprocessableContent, "invalid", error.message)
            refusal.extra = [
                (
                    "problems",
                    .array(
                        problems.map {
                            .object([
                                ("line", .int(Int64($0.line))), ("column", .text($0.column)),
                                ("message", .string($0.message)),
                            ])
                        })
                )
            ]
            throw refusal
        }
    }

    /// A `true`/`false` query parameter, `false` when absent.
    static func flag(_ value: String?, key: String) throws -> Bool {
        switch value {
        case nil, "false", "0": return false
        case "true", "1": return true
        default: throw ServerError.badRequest("`\(key)` is true or false")
        }
    }
}
