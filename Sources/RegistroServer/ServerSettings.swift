import Foundation
import RegistroKit

/// How a registry server listens, protects itself and limits what it takes.
public struct ServerSettings: Sendable {
    /// The host to listen on; plain HTTP only on a loopback address.
    public var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one.
    public var port = 8080
    /// The TLS certificate chain and private key (PEM files), both or neither.
    public var tls: (certificate: String, key: String)?
    /// The largest import body accepted, in bytes.
    public var maximumImportBytes = 50 * 1024 * 1024
    /// The largest JSON body accepted, in bytes.
    public var maximumJSONBytes = 1024 * 1024
    /// How long a request may wait for the registry before it is answered 503.
    public var requestTimeout: Duration = .seconds(60)
    /// How long a connection may stay silent (idle, or sending a request slowly) before it is
    /// closed.
    public var idleTimeout: Duration = .seconds(30)
    /// The largest header block accepted, in bytes.
    public var maximumHeaderBytes = 16 * 1024
    /// How many logins one client address may have in progress at once.
    public var concurrentLoginsPerAddress = 3
    /// The account rules: lockout, session lifetimes, password cost, clock.
    public var accountRules = AccountRules()

    /// The default settings: 127.0.0.1:8080, plain HTTP, the documented limits.
    public init() {}

    /// Whether the server speaks TLS: then cookies are `Secure` with the `__Host-` prefix and
    /// responses carry HSTS.
    public var usesTLS: Bool { tls != nil }

    /// The session cookie's name.
    var sessionCookieName: String { usesTLS ? "__Host-registro_session" : "registro_session" }

    /// Refuses plain HTTP on an address other than loopback.
    ///
    /// - Throws: `RegistroError` (usage) naming the fix.
    public func validate() throws {
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        if !usesTLS && !loopback {
            throw RegistroError.usage(
                "plain HTTP is served only on a loopback address; give --tls-cert and --tls-key, "
                    + "or listen on 127.0.0.1 behind a reverse proxy that speaks TLS")
        }
    }
}
