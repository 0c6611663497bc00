import ArgumentParser
import Foundation
import Logging
import RegistroKit
import RegistroServer

extension Registro {
    /// `registro serve`: the registry server.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the registry to logged-in users over HTTP (JSON API under /api/).",
            discussion: """
                Unlocks the keyring once, opens the registry and listens. The first line on \
                standard output is `listening on URL`; then one line per request goes to standard \
                error (method, route, status, duration, user id: never a personal value). SIGTERM \
                or Ctrl-C finish the requests in flight and stop.

                Plain HTTP is served only on a loopback address: elsewhere give --tls-cert and \
                --tls-key, or listen on 127.0.0.1 behind a reverse proxy that speaks TLS. Users \
                log in with passwords set by `registro user password` or by their admin.

                Examples:
                  registro serve --db registro.db --listen 127.0.0.1:8080
                  registro serve --db registro.db --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem \\
                    --passphrase-file /run/secrets/registro
                """)

        @OptionGroup var registry: OperatorOptions

        @Option(help: ArgumentHelp("The address to listen on; port 0 picks a free one.", valueName: "host:port"))
        var listen = "127.0.0.1:8080"

        @Option(help: ArgumentHelp("The TLS certificate chain (PEM).", valueName: "file"))
        var tlsCert: String?

        @Option(help: ArgumentHelp("The TLS private key (PEM).", valueName: "file"))
        var tlsKey: String?

        @Option(
            help: ArgumentHelp(
                "A file holding the keyring's passphrase (else REGISTRO_PASSPHRASE or a prompt).", valueName: "file"))
        var passphraseFile: String?

        @Option(help: ArgumentHelp("The largest import accepted, in mebibytes.", valueName: "MiB"))
        var maxImportMb = 50

        @Option(help: ArgumentHelp("How long a login session may stay unused before it ends.", valueName: "minutes"))
        var sessionIdleMinutes = 30

        func validate() throws {
            if (tlsCert == nil) != (tlsKey == nil) {
                throw ValidationError(worded("cli_serve_tls_pair"))
            }
            if listenAddress == nil {
                throw ValidationError(worded("cli_serve_listen"))
            }
            if !(1...4096).contains(maxImportMb) {
                throw ValidationError(worded("cli_serve_max_import"))
            }
            if !(1...720).contains(sessionIdleMinutes) {
                throw ValidationError(worded("cli_serve_idle_minutes"))
            }
        }

        /// `--listen` split into host and port.
        var listenAddress: (host: String, port: Int)? {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
                (0...65535).contains(port)
            else { return nil }
            let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return host.isEmpty ? nil : (host, port)
        }

        func run() throws {
            try reportingErrors {
                var settings = ServerSettings()
                settings.host = listenAddress!.host
                settings.port = listenAddress!.port
                if let tlsCert, let tlsKey { settings.tls = (tlsCert, tlsKey) }
                settings.maximumImportBytes = maxImportMb * 1024 * 1024
                settings.accountRules.sessionIdleTimeout = TimeInterval(sessionIdleMinutes * 60)
                try settings.validate()
                let passphraseFile = passphraseFile
                let opened = try Registry.open(at: registry.location) {
                    if let passphraseFile { return try Self.readPassphrase(passphraseFile) }
                    return try Passphrase.read(prompt: worded("cli_passphrase_prompt"))
                }
                try opened.unlockKeyring()
                var log = Logger(label: "registro") { ServerLogHandler(label: $0) }
                log.logLevel = .info
                let logger = log
                let ready = settings
                try runBlocking {
                    try await runServer(registry: opened, settings: ready, logger: logger) { url in
                        FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
                    }
                }
            }
        }

        /// The passphrase in `path`, without its final line break.
        private static func readPassphrase(_ path: String) throws -> String {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RegistroError.usage(worded("cli_passphrase_file_unreadable", ["file": path]))
            }
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }
}

/// Runs `body` to completion from synchronous code, rethrowing its error.
private func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws {
    let outcome = OutcomeBox()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}

/// The error of a body run by `runBlocking`, handed from its task to the waiting thread.
private final class OutcomeBox: @unchecked Sendable {
    var error: (any Error)?
}
