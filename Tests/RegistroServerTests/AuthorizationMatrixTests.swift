import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroServer
import Testing

/// Who asks what of whom, and what the server must answer and record.
///
/// The person is owned by `alfa`. `consented` agreed to share identity and services with the
/// network `rete` (alfa and beta) for `presa_in_carico_condivisa`; `unshared` agreed to
/// nothing; `missing` does not exist. `gamma` is in no network with alfa.
@Suite("the authorization matrix: endpoint × role × relationship → status and audit")
struct AuthorizationMatrixTests {
    /// Which person a row asks about.
    enum Person: String, CustomStringConvertible {
        case consented, unshared, missing
        var description: String { rawValue }
    }

    /// What the audit log must gain.
    enum Audit: CustomStringConvertible, Equatable {
        /// Read entries by the user about the person, allowed for these categories, denied for the rest.
        case reads(allowed: Set<String>)
        /// Nothing about the person.
        case nothing
        var description: String {
            switch self {
            case .reads(let allowed): "reads allowed \(allowed.sorted())"
            case .nothing: "nothing"
            }
        }
    }

    struct Row: CustomStringConvertible, Sendable {
        let org: String
        let role: Role
        let person: Person
        let status: HTTPResponse.Status
        let audit: Audit
        var description: String { "\(org) \(role.rawValue) → \(person): \(status.code), \(audit)" }
    }

    static let all: Set<String> = Set(CaseCategory.allCases.map(\.rawValue))
    static let shared: Set<String> = ["identity", "services"]

    /// `GET /api/cases/{id}?purpose=presa_in_carico_condivisa`.
    static let caseReads: [Row] = [
        // The owner's staff read everything but nothing of what they may not.
        Row(org: "alfa", role: .socialWorker, person: .unshared, status: .ok, audit: .reads(allowed: all)),
        Row(org: "alfa", role: .coordinator, person: .unshared, status: .ok, audit: .reads(allowed: all)),
        Row(org: "alfa", role: .privacyOfficer, person: .unshared, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "alfa", role: .admin, person: .unshared, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "alfa", role: .socialWorker, person: .missing, status: .notFound, audit: .nothing),
        // The partner reads what was consented, and nothing of the one who did not consent.
        Row(org: "beta", role: .socialWorker, person: .consented, status: .ok, audit: .reads(allowed: shared)),
        Row(org: "beta", role: .coordinator, person: .consented, status: .ok, audit: .reads(allowed: shared)),
        Row(org: "beta", role: .privacyOfficer, person: .consented, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "beta", role: .admin, person: .consented, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "beta", role: .socialWorker, person: .unshared, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "beta", role: .coordinator, person: .unshared, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "beta", role: .socialWorker, person: .missing, status: .notFound, audit: .nothing),
        // An unrelated organisation reads nothing, whatever the consent.
        Row(org: "gamma", role: .socialWorker, person: .consented, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "gamma", role: .coordinator, person: .unshared, status: .notFound, audit: .reads(allowed: [])),
        Row(org: "gamma", role: .socialWorker, person: .missing, status: .notFound, audit: .nothing),
    ]

    /// The id of `person` in `fixture`.
    static func id(_ person: Person, _ fixture: ServerFixture) -> String {
        switch person {
        case .consented: fixture.consented
        case .unshared: fixture.unshared
        case .missing: "BZZZZZZZZZZZ"
        }
    }

    @Test("case reads", arguments: caseReads)
    func caseRead(_ row: Row) async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user(row.org, row.role)
        let token = try fixture.token(user)
        let person = Self.id(row.person, fixture)
        let before = try fixture.lastSeq()
        let (body, nonexistentBody) = try await fixture.application().test(.router) { client in
            let uri = "/api/cases/\(person)?purpose=\(ServerFixture.purpose)"
            let body = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                response -> String in
                #expect(response.status == row.status, "\(row): \(response.text)")
                return response.text
            }
            let other = try await client.execute(
                uri: "/api/cases/BZZZZZZZZZZZ?purpose=\(ServerFixture.purpose)", method: .get,
                headers: [.authorization: "Bearer \(token)"]
            ) { $0.text }
            return (body, other)
        }
        if row.status == .notFound {
            // The same words as for an id that does not exist, the id apart.
            #expect(
                body.replacingOccurrences(of: person, with: "ID")
                    == nonexistentBody.replacingOccurrences(of: "BZZZZZZZZZZZ", with: "ID"))
        }
        // Besides the six categories, a user's own organisation's deliveries and notes are
        // decided apart (and recorded as such) wherever the categories are hidden.
        let reads = try fixture.auditEntries(after: before).filter {
            $0.action == "read" && $0.subject == person && $0.detail != "own organisation's records"
        }
        switch row.audit {
        case .nothing:
            #expect(reads.isEmpty, "\(row)")
        case .reads(let allowed):
            #expect(reads.allSatisfy { $0.actor == user }, "\(row)")
            #expect(Set(reads.filter { $0.decision == "allow" }.compactMap(\.category)) == allowed, "\(row)")
            #expect(Set(reads.compactMap(\.category)) == Self.all, "\(row): every category decided and recorded")
        }
    }

    /// `POST /api/deliveries`, `POST /api/consents`: who may record for the person.
    struct WriteRow: CustomStringConvertible, Sendable {
        let route: String
        let org: String
        let role: Role
        let person: Person
        let status: HTTPResponse.Status
        var description: String { "\(route) by \(org) \(role.rawValue) for \(person) → \(status.code)" }
    }

    static let writes: [WriteRow] = [
        WriteRow(route: "/api/deliveries", org: "alfa", role: .socialWorker, person: .unshared, status: .created),
        WriteRow(route: "/api/deliveries", org: "alfa", role: .privacyOfficer, person: .unshared, status: .notFound),
        WriteRow(route: "/api/deliveries", org: "alfa", role: .admin, person: .unshared, status: .notFound),
        WriteRow(route: "/api/deliveries", org: "alfa", role: .socialWorker, person: .missing, status: .notFound),
        // Every organisation records its own services, whoever owns the person.
        WriteRow(route: "/api/deliveries", org: "beta", role: .socialWorker, person: .consented, status: .created),
        WriteRow(route: "/api/consents", org: "alfa", role: .socialWorker, person: .unshared, status: .created),
        WriteRow(route: "/api/consents", org: "alfa", role: .admin, person: .unshared, status: .notFound),
        WriteRow(route: "/api/consents", org: "beta", role: .socialWorker, person: .consented, status: .notFound),
        WriteRow(route: "/api/consents", org: "gamma", role: .socialWorker, person: .unshared, status: .notFound),
        WriteRow(route: "/api/consents", org: "alfa", role: .socialWorker, person: .missing, status: .notFound),
    ]

    @Test("recording deliveries and consents", arguments: writes)
    func write(_ row: WriteRow) async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user(row.org, row.role)
        let token = try fixture.token(user)
        let person = Self.id(row.person, fixture)
        let before = try fixture.lastSeq()
        let body = jsonBody(
            row.route == "/api/deliveries"
                ? ["beneficiary": person, "service_code": "RT.LAV01", "date": "2020-03-02"]
                : [
                    "beneficiary": person, "to": "beta", "purpose": "invio", "scope": ["identity"],
                    "evidence_ref": "P-2",
                ])
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: row.route, method: .post, headers: [.authorization: "Bearer \(token)"], body: body
            ) { response in
                #expect(response.status == row.status, "\(row): \(response.text)")
            }
        }
        let entries = try fixture.auditEntries(after: before).filter { $0.subject == person }
        if row.status == .created {
            #expect(entries.contains { $0.actor == user && $0.decision == "allow" }, "\(row)")
        } else if row.person != .missing {
            #expect(entries.contains { $0.actor == user && $0.decision == "deny" }, "\(row): the denial is recorded")
            #expect(!entries.contains { $0.decision == "allow" }, "\(row)")
        }
    }

    /// Roles and the registry-wide routes: audit log, verification, reports, users.
    struct RoleRow: CustomStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let uri: String
        let role: Role
        let status: HTTPResponse.Status
        var description: String { "\(method) \(uri) as \(role.rawValue) → \(status.code)" }
    }

    static let roleRows: [RoleRow] = Role.allCases.flatMap { role -> [RoleRow] in
        let auditor = role == .privacyOfficer || role == .admin
        return [
            RoleRow(method: .get, uri: "/api/audit", role: role, status: auditor ? .ok : .forbidden),
            RoleRow(method: .post, uri: "/api/audit/verify", role: role, status: auditor ? .ok : .forbidden),
            RoleRow(
                method: .get, uri: "/api/reports/deliveries?by=org", role: role,
                status: role == .socialWorker ? .forbidden : .ok),
            RoleRow(method: .get, uri: "/api/users", role: role, status: role == .admin ? .ok : .forbidden),
        ]
    }

    @Test("registry-wide routes by role", arguments: roleRows)
    func registryWide(_ row: RoleRow) async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", row.role)
        let before = try fixture.lastSeq()
        let token = try fixture.token(user)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: row.uri, method: row.method, headers: [.authorization: "Bearer \(token)"]) {
                response in
                #expect(response.status == row.status, "\(row): \(response.text)")
            }
        }
        if row.status == .forbidden {
            let denials = try fixture.auditEntries(after: before).filter { $0.actor == user && $0.decision == "deny" }
            #expect(!denials.isEmpty, "\(row): the denial is recorded")
        }
    }

    /// `GET /api/reports/scheda?org=O`: the monitoring sheet of an organisation in the user's
    /// networks; one outside them, or one that does not exist, is answered 404 alike.
    struct SheetRow: CustomStringConvertible, Sendable {
        let org: String
        let role: Role
        let sheetOf: String
        let status: HTTPResponse.Status
        var description: String { "sheet of \(sheetOf) by \(org) \(role.rawValue) → \(status.code)" }
    }

    static let sheets: [SheetRow] = [
        SheetRow(org: "alfa", role: .coordinator, sheetOf: "alfa", status: .ok),
        SheetRow(org: "alfa", role: .coordinator, sheetOf: "beta", status: .ok),
        SheetRow(org: "alfa", role: .coordinator, sheetOf: "gamma", status: .notFound),
        SheetRow(org: "alfa", role: .coordinator, sheetOf: "nessuna", status: .notFound),
        SheetRow(org: "gamma", role: .coordinator, sheetOf: "alfa", status: .notFound),
        SheetRow(org: "alfa", role: .admin, sheetOf: "nessuna", status: .notFound),
        SheetRow(org: "alfa", role: .socialWorker, sheetOf: "alfa", status: .forbidden),
    ]

    @Test("the monitoring sheet of an organisation", arguments: sheets)
    func sheet(_ row: SheetRow) async throws {
        let fixture = try ServerFixture()
        let headers: HTTPFields = [.authorization: "Bearer \(try fixture.token(ServerFixture.user(row.org, row.role)))"]
        let (body, nonexistentBody) = try await fixture.application().test(.router) { client in
            let body = try await client.execute(
                uri: "/api/reports/scheda?org=\(row.sheetOf)", method: .get, headers: headers
            ) { response -> String in
                #expect(response.status == row.status, "\(row): \(response.text)")
                return response.text
            }
            let other = try await client.execute(uri: "/api/reports/scheda?org=ZZZZ", method: .get, headers: headers) {
                $0.text
            }
            return (body, other)
        }
        if row.status == .notFound {
            // The same words as for an organisation that does not exist, the id apart.
            #expect(
                body.replacingOccurrences(of: row.sheetOf, with: "ID")
                    == nonexistentBody.replacingOccurrences(of: "ZZZZ", with: "ID"), "\(row)")
        }
    }

    /// `POST /api/emergency-accesses/{id}/review` of the access a `beta` social worker opened on
    /// `alfa`'s person, or of an id that does not exist: only `alfa`'s privacy officer may; for
    /// everyone else the access is answered as if it did not exist.
    struct ReviewRow: CustomStringConvertible, Sendable {
        let org: String
        let role: Role
        let missing: Bool
        let status: HTTPResponse.Status
        var description: String {
            "review by \(org) \(role.rawValue) of \(missing ? "no" : "alfa's") access → \(status.code)"
        }
    }

    static let reviews: [ReviewRow] =
        ServerFixture.organisations.flatMap { org in
            Role.allCases.map { role in
                ReviewRow(
                    org: org, role: role, missing: false,
                    status: org == "alfa" && role == .privacyOfficer ? .noContent : .notFound)
            }
        } + [ReviewRow(org: "alfa", role: .privacyOfficer, missing: true, status: .notFound)]

    @Test("reviewing an emergency access", arguments: reviews)
    func review(_ row: ReviewRow) async throws {
        let fixture = try ServerFixture()
        let access = row.missing ? "EZZZZZZZZZZZ" : try fixture.emergencyAccess()
        let user = ServerFixture.user(row.org, row.role)
        let token = try fixture.token(user)
        let before = try fixture.lastSeq()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/emergency-accesses/\(access)/review", method: .post,
                headers: [.authorization: "Bearer \(token)"],
                body: jsonBody(["note": "motivo fondato, accesso proporzionato"])
            ) { response in
                #expect(response.status == row.status, "\(row): \(response.text)")
                if row.status == .notFound {
                    #expect(response.text.contains("no emergency access `\(access)` here for you"), "\(row)")
                }
            }
        }
        // The user's entries about the access, the privacy officer's own (the review is one) included.
        let entries = try fixture.registry.session(as: ServerFixture.user("alfa", .privacyOfficer)).audit
            .auditEntries(matching: AuditFilter()).filter {
                $0.seq > before && $0.actor == user
                    && ($0.emergencyReference == access || $0.resource?.contains(access) == true)
            }
        if row.status == .noContent {
            #expect(entries.contains { $0.decision == "allow" && $0.emergencyReference == access }, "\(row)")
            #expect(try fixture.emergencyQueue(unreviewed: true).isEmpty, "\(row): the review is stored")
        } else {
            if !row.missing { #expect(entries.contains { $0.decision == "deny" }, "\(row): the denial is recorded") }
            #expect(!entries.contains { $0.decision == "allow" }, "\(row)")
            #expect(try fixture.emergencyQueue(unreviewed: true).count == (row.missing ? 0 : 1), "\(row)")
        }
    }

    /// `GET /api/emergency-accesses` by every role of every organisation: privacy officers see
    /// their own organisation's people's accesses (`alfa`'s one, none for the others).
    static let queueReads: [(org: String, role: Role)] = ServerFixture.organisations.flatMap { org in
        Role.allCases.map { (org, $0) }
    }

    @Test("the emergency review queue", arguments: queueReads)
    func queue(_ org: String, _ role: Role) async throws {
        let fixture = try ServerFixture()
        let access = try fixture.emergencyAccess()
        let user = ServerFixture.user(org, role)
        let token = try fixture.token(user)
        let before = try fixture.lastSeq()
        try await fixture.application().test(.router) { client in
            for query in ["", "?status=unreviewed", "?unreviewed=true"] {
                try await client.execute(
                    uri: "/api/emergency-accesses\(query)", method: .get, headers: [.authorization: "Bearer \(token)"]
                ) { response in
                    guard role == .privacyOfficer else {
                        #expect(response.status == .forbidden, "\(org) \(role) \(query): \(response.text)")
                        return
                    }
                    #expect(response.status == .ok, "\(org) \(role) \(query): \(response.text)")
                    let listed =
                        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
                        as? [[String: Any]] ?? []
                    #expect(listed.map { $0["id"] as? String } == (org == "alfa" ? [access] : []), "\(org) \(query)")
                    if let first = listed.first {
                        #expect(first["user"] as? String == ServerFixture.user("beta", .socialWorker))
                        #expect(first["reason"] as? String == EmergencyFixture.reason)
                        #expect(first["reviewed_at"] is NSNull)
                    }
                }
            }
            try await client.execute(
                uri: "/api/emergency-accesses?status=whatever", method: .get,
                headers: [.authorization: "Bearer \(token)"]
            ) { #expect($0.status == .badRequest) }
        }
        let entries = try fixture.auditEntries(after: before).filter { $0.actor == user && $0.action == "audit" }
        if role != .privacyOfficer {
            #expect(entries.filter { $0.decision == "deny" }.count == 3, "\(org) \(role): every denial recorded")
        }
    }

    @Test("an admin adds users to their own organisation only, and cannot reach another's")
    func adminsManageTheirOwnOrganisation() async throws {
        let fixture = try ServerFixture()
        let admin = ServerFixture.user("alfa", .admin)
        let token = try fixture.token(admin)
        let headers: HTTPFields = [.authorization: "Bearer \(token)"]
        try await fixture.application().test(.router) { client in
            let password = try await client.execute(
                uri: "/api/users", method: .post, headers: headers,
                body: jsonBody(["id": "nuova-sw", "name": "Nuova", "role": "social_worker"])
            ) { response -> String in
                #expect(response.status == .created, "\(response.text)")
                #expect(response.json["org"] as? String == "alfa")
                return response.json["one_time_password"] as? String ?? ""
            }
            try await client.execute(
                uri: "/api/session", method: .post, body: jsonBody(["user": "nuova-sw", "password": password])
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.json["error"] as? String == "password_change_required")
            }
            let other = try await client.execute(
                uri: "/api/users/\(ServerFixture.user("beta", .socialWorker))/password", method: .post, headers: headers
            ) { ($0.status, $0.text) }
            let missing = try await client.execute(uri: "/api/users/nessuno/password", method: .post, headers: headers)
            {
                ($0.status, $0.text)
            }
            #expect(other.0 == .notFound)
            #expect(missing.0 == .notFound)
        }
    }
}
