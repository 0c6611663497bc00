import Foundation
import GRDB

extension Registry {
    /// Opens a session for the user `userID`: reads the user and their organisation's networks
    /// once, for every operation done through the session.
    ///
    /// - Parameter clock: The time of the session's decisions; the system clock by default.
    /// - Throws: `RegistroError` naming the field `user` when the id is empty or names nobody.
    public func session(as userID: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Session {
        guard !userID.isEmpty else {
            throw RegistroError.usage(.user, "is missing; this acts on behalf of a user", hint: .nameUser)
        }
        return try database.read { db in
            guard let user = try Self.operatorRecord(userID, db) else {
                throw RegistroError.invalidData(.user, "no user `\(userID)` in this registry", hint: .addUser)
            }
            return Session(user: user, registry: self, gate: try AccessGate(user: user, db, now: clock()), clock: clock)
        }
    }

    /// Networks, organisations and users, changed by `agent`.
    public func organisations(by agent: Agent = .registryOperator) -> OrganisationService {
        OrganisationService(registry: self, agent: agent)
    }

    /// The audit log, consulted by `agent`.
    public func audit(by agent: Agent) -> AuditService {
        AuditService(registry: self, agent: agent)
    }

    /// The user `id`, if the registry has one.
    static func operatorRecord(_ id: String, _ db: Database) throws -> Operator? {
        try Row.fetchOne(db, sql: "SELECT id, name, org_id, role FROM operator WHERE id = ?", arguments: [id])
            .map(operatorValue)
    }

    /// The session of the user acting for `agent`.
    ///
    /// - Throws: `RegistroError` naming the field `user` when the registry's operator acts on a
    ///   registry that has users: then a user must.
    static func requireSession(_ agent: Agent) throws -> Session {
        guard let session = agent.session else {
            throw RegistroError.usage(.user, "is missing; this acts on behalf of a user", hint: .nameUser)
        }
        return session
    }

    /// Whether the registry has any user yet.
    static func hasUsers(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM operator LIMIT 1") == true
    }
}
