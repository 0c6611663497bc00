import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RegistroKit
import Synchronization
import Testing

/// A log handler keeping every message, for tests that read the server's log.
final class KeptLog: LogHandler, Sendable {
    private let messages = Mutex<[String]>([])

    /// The messages logged so far.
    var lines: [String] { messages.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .info }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        messages.withLock { $0.append("\(event.message)") }
    }
}

@Suite("an import started from the web pages is logged as one started through the API")
struct ImportStartLogTests {
    @Test("a spreadsheet checked on the import page logs its size and the user, nothing of its content")
    func importPageLogsTheStart() async throws {
        let fixture = try ServerFixture()
        let log = KeptLog()
        let user = ServerFixture.user("alfa", .socialWorker)
        let file = Array(MoreRouteTests.csv.utf8)
        try await fixture.application(logHandler: log).test(.router) { client in
            let session = try await PageTests.logIn(client, fixture, user)
            let boundary = "registro-test-boundary"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(session.csrf)\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"servizi.csv\"\r\n"
            body += "Content-Type: text/csv\r\n\r\n\(String(decoding: file, as: UTF8.self))\r\n--\(boundary)--\r\n"
            let headers: HTTPFields = [
                .contentType: "multipart/form-data; boundary=\(boundary)", .origin: "http://localhost",
                .cookie: session.cookie,
            ]
            try await client.execute(uri: "/importa", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .ok, "\(response.status)")
            }
        }
        let started = log.lines.filter { $0.hasPrefix("import of ") }
        #expect(started == ["import of \(file.count) bytes started (dry run) user=\(user)"])
        for personal in ["NRENNA85T50A479E", "Anna", "Neri", "Bianchi"] {
            #expect(!log.lines.contains { $0.contains(personal) })
        }
    }
}
