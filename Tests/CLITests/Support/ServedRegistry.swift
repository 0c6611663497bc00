import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `registro serve` process on `127.0.0.1:0` over a temporary registry, and an HTTP client
/// for it that keeps no cookies of its own.
final class ServedRegistry: @unchecked Sendable {
    /// The registry served.
    let registry: TemporaryRegistry
    /// The server process.
    let process: RunningProcess
    /// The URL it printed.
    let url: URL
    /// The first line it printed on standard output.
    let firstLine: String
    private let session: URLSession

    /// Starts the server (with `environment` besides `PATH` and `HOME`) and waits (up to 60
    /// seconds) for its `listening on URL` line.
    init(_ registry: TemporaryRegistry, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.registry = registry
        process = try registry.start(["serve", "--listen", "127.0.0.1:0"] + arguments, environment: environment)
        let out = process.capture.appendingPathComponent("out").path
        let deadline = Date().addingTimeInterval(60)
        var line: String?
        while line == nil && Date() < deadline {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if text.contains("\n") {
                line = text.split(separator: "\n").first.map(String.init)
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let line, line.hasPrefix("listening on "),
            let url = URL(string: String(line.dropFirst("listening on ".count)))
        else {
            process.kill(SIGKILL)
            let result = process.wait()
            throw CommandFailure(arguments: ["serve"], result: result)
        }
        firstLine = line
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        session = URLSession(configuration: configuration)
    }

    /// A response: status, headers, body.
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        /// The body as a JSON object.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// Sends a request and waits for its answer.
    func send(
        _ method: String, _ path: String, json: [String: Any]? = nil, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let body {
            request.httpBody = body
            request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// Waits (up to 60 seconds) for a line of the server's log holding `text`; returns whether
    /// one came.
    func waitForLog(containing text: String) async throws -> Bool {
        let log = process.capture.appendingPathComponent("err").path
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains(text) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Sends SIGTERM and waits for the server to stop.
    func stop() -> CommandResult {
        process.kill(SIGTERM)
        return process.wait()
    }
}

extension TemporaryRegistry {
    /// Sets `user`'s password through `registro user password`, fed on standard input.
    func setPassword(_ password: String, for user: String) throws {
        let script = "printf '%s\\n' \"$1\" | \"$2\" user password --id \"$3\" --db \"$4\""
        let result = try ChildProcess.run(
            "/bin/sh", ["-c", script, "sh", password, Self.binary.path, user, database],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path], directory: directory.path)
        guard result.status == 0 else {
            throw CommandFailure(arguments: ["user", "password", "--id", user], result: result)
        }
    }
}
