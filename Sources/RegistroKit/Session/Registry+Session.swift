import Foundation

extension Registry {
    /// Opens a session for the user `userID`: reads the user and their organisation's networks
    /// once, for every operation done through the session.
    ///
    /// - Parameter clock: The time of the session's decisions; the system clock by default.
    /// - Throws: `RegistroError` naming the field `user` when the id is empty or names nobody.
    public func session(as userID: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Session {
        guard !userID.isEmpty else {
            throw RegistroError.usage(
                .user, "is missing; this acts on behalf of a user", hint: .nameUser, key: .userMissing)
        }
        return try database.read { db in
            guard let user = try OperatorRecord.user(userID, db) else {
                throw RegistroError.notFound(
                    .user, "no user `\(userID)` in this registry", hint: .addUser, key: .userNotFound(userID))
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

    /// The session of the user acting for `agent`.
    ///
    /// - Throws: `RegistroError` naming the field `user` when the registry's operator acts on a
    ///   registry that has users: then a user must.
    static func requireSession(_ agent: Agent) throws -> Session {
        guard let session = agent.session else {
            throw RegistroError.usage(
                .user, "is missing; this acts on behalf of a user", hint: .nameUser, key: .userMissing)
        }
        return session
    }
}
