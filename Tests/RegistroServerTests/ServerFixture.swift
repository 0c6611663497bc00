import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RegistroKit
import RegistroServer
import RegistroTestSupport

/// A registry served in process: organisation `alfa` owns two people, `beta` is its partner
/// in the network `rete`, `gamma` is in no network with them. Each organisation has one user
/// of every role, all with the same password; privacy officers and admins have TOTP.
final class ServerFixture: @unchecked Sendable {
    /// The temporary directory.
    let directory: URL
    /// The registry.
    let registry: Registry
    /// Its accounts, under a clock the tests move.
    let accounts: Accounts
    /// The clock.
    let clock = TestClock()
    /// The server's settings.
    let settings: ServerSettings
    /// The library calls the server makes.
    let calls: RegistryCalls
    /// The threads the calls run on, stopped with the fixture.
    let work: BlockingWork
    /// The TOTP of each user who has one.
    private(set) var authenticators: [String: TOTP] = [:]
    /// A person of `alfa` who consented to share identity and services with the network.
    let consented: String
    /// A person of `alfa` who gave no consent.
    let unshared: String

    /// The password every user has.
    static let password = "una password lunga"
    /// The purpose the consent was given for.
    static let purpose = "presa_in_carico_condivisa"
    /// The organisations: owner, partner, unrelated.
    static let organisations = ["alfa", "beta", "gamma"]
    /// The roles, by their raw values.
    static let roles: [Role] = [.socialWorker, .coordinator, .privacyOfficer, .admin]

    /// The user id of `role` in `org`, e.g. `alfa-social_worker`.
    static func user(_ org: String, _ role: Role) -> String { "\(org)-\(role.rawValue)" }

    init(configure: (inout ServerSettings) -> Void = { _ in }) throws {
        let scratch = try ScratchRegistry("registro-server", network: Network(id: "rete", name: "Rete"))
        directory = scratch.folder
        registry = scratch.registry
        // Organisations and their users are set up by whoever holds the registry (its operator).
        let setUp = registry.organisations()
        for org in Self.organisations {
            try setUp.addOrganisation(
                Organisation(id: org, name: org.capitalized, kind: .ets, networks: org == "gamma" ? [] : ["rete"]))
            for role in Self.roles {
                try setUp.addUser(
                    Operator(id: Self.user(org, role), name: "\(org) \(role.rawValue)", org: org, role: role))
            }
        }
        let rules = AccountRules.testing(clock: clock)
        var settings = ServerSettings()
        settings.accountRules = rules
        configure(&settings)
        self.settings = settings
        accounts = try registry.accounts(rules: rules)
        for org in Self.organisations {
            for role in Self.roles {
                let id = Self.user(org, role)
                try accounts.setPassword(Self.password, for: id)
                if role == .privacyOfficer || role == .admin {
                    let enrolment = try accounts.enrolTOTP(for: id)
                    authenticators[id] = TOTP(base32Secret: enrolment.secret)
                }
            }
        }
        var person = BeneficiaryFields()
        person.givenName = "Ermenegilda"
        person.familyName = "Zappalorto"
        person.sex = "F"
        let worker = try registry.session(as: Self.user("alfa", .socialWorker))
        consented = try worker.records.addBeneficiary(person)
        person.givenName = "Gualtiero"
        person.sex = "M"
        unshared = try worker.records.addBeneficiary(person)
        var grant = ConsentRequest(
            beneficiary: consented, grantee: "rete", purpose: Self.purpose, scope: [.identity, .services])
        grant.evidenceReference = "PROT-1"
        _ = try worker.sharing.grantConsent(grant)
        // The threads last: nothing after them throws, so `deinit` always stops them.
        work = BlockingWork(registryThreads: 2, loginThreads: 2, timeLimit: settings.requestTimeout)
        calls = RegistryCalls(registry: registry, accounts: accounts, work: work)
    }

    deinit {
        // Its threads end once the calls given to them are done, as a server's do when it stops.
        work.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The application, built as `registro serve` builds it; its log goes to `logHandler` when
    /// given (from `info` up), else nowhere below `warning`.
    func application(logHandler: (any LogHandler)? = nil) throws -> some ApplicationProtocol {
        var logger =
            logHandler.map { handler in Logger(label: "registro-test") { _ in handler } }
            ?? Logger(label: "registro-test")
        logger.logLevel = logHandler == nil ? .warning : .info
        return try buildApplication(calls: calls, settings: settings, logger: logger)
    }

    /// The current TOTP code of `user`.
    func code(_ user: String, stepOffset: Int64 = 0) -> String {
        authenticators[user]!.code(atStep: TOTP.step(at: clock.now) + stepOffset)
    }

    /// A bearer token of `user`, made through the library.
    func token(_ user: String) throws -> String {
        try accounts.createAPIToken(for: try registry.session(as: user).user, name: "test", expiresInDays: 1).token
    }

    /// The audit entries after sequence number `seq`, leaving out the consultations of the
    /// log by the tests themselves.
    func auditEntries(after seq: Int64) throws -> [AuditEntry] {
        let officer = Self.user("alfa", .privacyOfficer)
        let entries = try registry.session(as: officer).audit.auditEntries(matching: AuditFilter())
        return entries.filter { entry in
            let ownConsultation = entry.action == "audit" && entry.actor == officer && entry.decision == "allow"
            return entry.seq > seq && !ownConsultation
        }
    }

    /// The last sequence number of the audit log.
    func lastSeq() throws -> Int64 {
        try registry.session(as: Self.user("alfa", .privacyOfficer)).audit.auditEntries(matching: AuditFilter()).last?
            .seq
            ?? 0
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}

/// A JSON body.
func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

/// An emergency access in the fixture's registry.
enum EmergencyFixture {
    /// The reason the social worker gives.
    static let reason = "minore a rischio di abbandono stanotte"
}

extension ServerFixture {
    /// Opens an emergency access on `unshared` as `beta`'s social worker (a partner in the
    /// network); returns its id.
    func emergencyAccess() throws -> String {
        let worker = try registry.session(as: Self.user("beta", .socialWorker))
        _ = try worker.sharing.caseFile(
            of: unshared, purpose: Self.purpose, emergencyReason: EmergencyFixture.reason, emergencyHours: 2)
        return try emergencyQueue(unreviewed: true).last!.id
    }

    /// The emergency accesses on `alfa`'s people, as its privacy officer sees them.
    func emergencyQueue(unreviewed: Bool) throws -> [EmergencyAccessReview] {
        try registry.session(as: Self.user("alfa", .privacyOfficer)).audit.emergencyAccesses(unreviewed: unreviewed)
    }
}
