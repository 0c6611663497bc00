import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import RegistroKit
import UnixSignals

/// Builds the registry server's router: middleware (request log, security headers, errors),
/// `/health` and the login open to all, every other `/api/` route behind authentication, and
/// the web pages under `/`.
///
/// Tests call it to run the application without a socket; `buildApplication` serves it.
public func buildRouter(
    calls: RegistryCalls, settings: ServerSettings, logger: Logger
) -> Router<
    RegistroRequestContext
> {
    let router = Router(context: RegistroRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: SecurityHeadersMiddleware(usesTLS: settings.usesTLS))
    router.add(middleware: ErrorMiddleware(logger: logger))

    let limiter = LoginLimiter(limit: settings.concurrentLoginsPerAddress)
    let sessions = SessionRoutes(calls: calls, settings: settings, limiter: limiter)
    router.addRoutes(HealthRoutes().routes, atPath: "/health")
    router.addRoutes(sessions.login, atPath: "/api/session")

    let api = router.group("api").add(middleware: AuthenticationMiddleware(calls: calls, settings: settings))
    let accounts = AccountRoutes(calls: calls, settings: settings)
    let records = RecordRoutes(calls: calls, settings: settings)
    let sharing = SharingRoutes(calls: calls, settings: settings)
    api.addRoutes(sessions.logout, atPath: "session")
    api.addRoutes(accounts.me, atPath: "me")
    api.addRoutes(accounts.tokens, atPath: "tokens")
    api.addRoutes(UserRoutes(calls: calls, settings: settings).routes, atPath: "users")
    api.addRoutes(records.beneficiaries, atPath: "beneficiaries")
    api.addRoutes(records.deliveries, atPath: "deliveries")
    api.addRoutes(sharing.consents, atPath: "consents")
    api.addRoutes(sharing.cases, atPath: "cases")
    api.addRoutes(sharing.explain, atPath: "explain")
    api.addRoutes(AuditRoutes(calls: calls).routes, atPath: "audit")
    api.addRoutes(EmergencyRoutes(calls: calls, settings: settings).routes, atPath: "emergency-accesses")
    api.addRoutes(ReportRoutes(calls: calls).routes, atPath: "reports")
    api.addRoutes(ImportRoutes(calls: calls, settings: settings, logger: logger).routes, atPath: "imports")
    api.addRoutes(SubjectRoutes(calls: calls, settings: settings).routes, atPath: "subjects")
    let description = OpenAPIDocument.json
    api.get("openapi.json") { _, _ in JSONResponse.make(description) }
    do {
        PageRoutes(
            calls: calls, settings: settings, renderer: try PageRenderer(), limiter: limiter, logger: logger
        ).add(to: router)
    } catch {
        logger.critical("the web pages are not served: their embedded templates do not load (\(error))")
    }
    return router
}

/// The registry server: `registry` served under `settings`, calling `onListening` with its URL
/// once the socket is bound (with the real port when `settings.port` is 0).
///
/// - Throws: `RegistroError` for settings that are refused (plain HTTP off loopback) or TLS
///   files that do not load.
public func buildApplication(
    calls: RegistryCalls, settings: ServerSettings, logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    try settings.validate()
    var http = HTTP1Channel.Configuration(
        idleTimeout: .nanoseconds(Int64(settings.idleTimeout.components.seconds) * 1_000_000_000))
    http.httpDecoder = .init(
        maxHeaderFieldSize: settings.maximumHeaderBytes, maxHeaderListSize: settings.maximumHeaderBytes,
        maxHeaderFieldCount: 100)
    let server: HTTPServerBuilder
    let scheme: String
    if let tls = settings.tls {
        server = try .tls(.http1(configuration: http), tlsConfiguration: try tlsConfiguration(tls))
        scheme = "https"
    } else {
        server = .http1(configuration: http)
        scheme = "http"
    }
    let host = settings.host
    return Application(
        router: buildRouter(calls: calls, settings: settings, logger: logger),
        server: server,
        configuration: .init(address: .hostname(host, port: settings.port), serverName: "registro"),
        services: [AuditWitnessService(calls: calls, logger: logger)],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            let shownHost = host.contains(":") ? "[\(host)]" : host
            await onListening("\(scheme)://\(shownHost):\(port)")
        },
        logger: logger)
}

/// Serves `registry` under `settings` until SIGTERM or SIGINT, then finishes the requests in
/// flight and returns. `onListening` receives the URL once the socket is bound.
///
/// - Throws: `RegistroError` for refused settings, TLS files that do not load, or a socket
///   that cannot be bound.
public func runServer(
    registry: Registry, settings: ServerSettings, logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void
) async throws {
    // Password hashing (Argon2id) takes a whole core per login thread: it keeps one core free
    // for the other requests, so that a storm of logins does not slow them down.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let work = BlockingWork(loginThreads: min(2, max(1, cores - 1)), timeLimit: settings.requestTimeout)
    let calls = RegistryCalls(
        registry: registry, accounts: try registry.accounts(rules: settings.accountRules), work: work)
    let application = try buildApplication(calls: calls, settings: settings, logger: logger, onListening: onListening)
    do {
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    } catch is IOError {
        await work.shutdown()
        throw RegistroError.usage(
            "the server could not listen on \(settings.host):\(settings.port): "
                + "the address is in use or not this machine's; "
                + "choose another --listen")
    }
    await work.shutdown()
}

/// The TLS configuration of a PEM certificate chain and key.
private func tlsConfiguration(_ files: (certificate: String, key: String)) throws -> TLSConfiguration {
    do {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificate).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    } catch {
        throw RegistroError.invalidData(
            "the TLS certificate `\(files.certificate)` or key `\(files.key)` does not load; give PEM files that match")
    }
}
