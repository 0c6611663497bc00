/// A denied request, thrown from inside a write transaction: the transaction rolls back, and
/// `Registry.writeAuditing` then appends `event` to the audit log in a transaction of its own
/// before throwing `error`. So a denial is always recorded, though the operation it refused
/// changed nothing.
struct AuditedDenial: Error {
    /// The denial to record; its decision is `deny`.
    let event: AuditEvent
    /// The error the caller receives, of kind `denied`.
    let error: RegistroError

    /// A denial of `event`'s action, explained to the user by `message`.
    init(_ event: AuditEvent, message: String) {
        var event = event
        event.decision = .deny
        self.event = event
        error = .denied(message)
    }

    /// The denial of `event` by `decision`: `user` may not do `action` (on person `subject`),
    /// said in one sentence naming the determining policies, with its typed form for other
    /// languages.
    init(
        _ event: AuditEvent, denying user: Operator, _ action: AccessAction, subject: String?,
        _ decision: AccessDecision
    ) {
        self.init(
            event, message: Registry.denialMessage(user, action, subject: subject, decision),
            key: .actionDenied(
                user: user.id, role: user.role, org: user.org, action: action, subject: subject,
                reason: AccessDenialReason(decision)))
    }

    /// The denial `event`, answered by `message` with its typed form `key` for other languages.
    init(_ event: AuditEvent, message: String, key: RegistroMessage) {
        self.init(event, answering: RegistroError(.denied, field: nil, message, key: key))
    }

    /// A denial of `event`'s action answered by `error`, for a request answered as if its
    /// subject did not exist.
    init(_ event: AuditEvent, answering error: RegistroError) {
        var event = event
        event.decision = .deny
        self.event = event
        self.error = error
    }
}

extension Registry {
    /// Runs `body` in one write transaction like `RegistryDatabase.write`, and records the
    /// denial when `body` throws an `AuditedDenial`: after the rollback, in a transaction of
    /// its own; then throws the denial's `RegistroError`.
    ///
    /// Every operation whose gate may deny runs in this, so that allowed changes and their
    /// audit entries commit together, and denials are recorded all the same.
    func writeAuditing<T>(
        commit: Bool = true, foreignKeys: RegistryDatabase.ForeignKeyChecks = .sqlite,
        _ body: (RegistryDatabase.Connection) throws -> T
    ) throws -> T {
        do {
            return try database.write(commit: commit, foreignKeys: foreignKeys, body)
        } catch let denial as AuditedDenial {
            try appendAuditEntry(denial.event)
            throw denial.error
        }
    }

    /// Appends `event` to the audit log in a transaction of its own, for what is recorded
    /// outside the transaction of a change: denials, dry runs, verifications.
    func appendAuditEntry(_ event: AuditEvent) throws {
        _ = try database.write { db in try AuditLog.append(event, in: db) }
    }
}
