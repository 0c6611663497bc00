import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroServer
import RegistroTestSupport
import Testing

/// A token is checked against the registry at most once a second and answered from memory in
/// between: every change to it must still be seen by the next request, and every case read
/// must still record one audit entry per decision.
@Suite("the case read path: tokens answered from memory, changes seen at once, every decision audited")
struct ReadPathTests {
    static let worker = ServerFixture.user("alfa", .socialWorker)
    static let admin = ServerFixture.user("alfa", .admin)

    /// The read entries about `person` after `seq`, as `category decision` in log order.
    static func reads(of person: String, after seq: Int64, _ fixture: ServerFixture) throws -> [String] {
        try fixture.auditEntries(after: seq).filter { $0.action == "read" && $0.subject == person }
            .map { "\($0.actor ?? "-") \($0.category ?? "-") \($0.decision)" }
    }

    @Test("every case read records one entry per category decided, in order, the same when the token is remembered")
    func auditPerRead() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(Self.worker)
        let partner = try fixture.token(ServerFixture.user("beta", .socialWorker))
        let uri = "/api/cases/\(fixture.consented)?purpose=\(ServerFixture.purpose)"
        let (owner, shared) = try await fixture.application().test(.router) { client in
            var owner: [[String]] = []
            var shared: [[String]] = []
            for _ in 0..<3 {
                for (bearer, isOwner) in [(token, true), (partner, false)] {
                    let before = try fixture.lastSeq()
                    try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(bearer)"]) {
                        #expect($0.status == .ok)
                    }
                    let entries = try Self.reads(of: fixture.consented, after: before, fixture)
                    if isOwner { owner.append(entries) } else { shared.append(entries) }
                }
            }
            return (owner, shared)
        }
        #expect(owner.count == 3 && shared.count == 3)
        let categories = CaseCategory.allCases.map(\.rawValue)
        #expect(owner.allSatisfy { $0 == categories.map { "\(Self.worker) \($0) allow" } })
        let partnerID = ServerFixture.user("beta", .socialWorker)
        #expect(
            shared.allSatisfy {
                $0
                    == categories.map {
                        "\(partnerID) \($0) \(["identity", "services"].contains($0) ? "allow" : "deny")"
                    }
            })
    }

    @Test("a user disabled by their admin is refused at the next request, by token and by cookie")
    func disabledUserRefusedAtOnce() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(Self.worker)
        let adminToken = try fixture.token(Self.admin)
        try await fixture.application().test(.router) { client in
            let session = try await LoginTests.logIn(
                client, ["user": Self.worker, "password": ServerFixture.password])
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: LoginTests.cookieHeaders(session.cookie)) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/api/users/\(Self.worker)/disable", method: .post,
                headers: [.authorization: "Bearer \(adminToken)"]
            ) {
                #expect($0.status == .noContent, "\($0.text)")
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: LoginTests.cookieHeaders(session.cookie)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a token revoked from the operator's command line is refused within a second")
    func operatorRevocationWithinASecond() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(Self.worker)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            // `registro user password --id`, run by the operator: another process on the same files.
            let operatorRegistry = try Registry.open(at: fixture.registry.location, passphrase: { "" })
            try operatorRegistry.accounts(rules: fixture.settings.accountRules)
                .setPassword("una password nuova e lunga", for: Self.worker)
            fixture.clock.advance(1)
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}
