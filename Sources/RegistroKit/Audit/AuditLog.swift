/// The append-only audit log: appends entries inside the caller's transaction and
/// reads them back.
///
/// Appending costs one indexed read of the head, one BLAKE2b and one prepared insert, so a
/// change and its entry commit or roll back together at little cost. A denied request, whose
/// operation fails and rolls back, is recorded by `Registry.writeAuditing` in a transaction of
/// its own (see `AuditedDenial`).
enum AuditLog {
    /// Appends the entry for `event` in the transaction of `db`, chained to the current head.
    ///
    /// - Returns: The entry as stored.
    /// - Throws: `RegistroError` (internal) when the event holds a value that is not an
    ///   identifier or a code, which would risk personal data in the log; database errors.
    @discardableResult
    static func append(_ event: AuditEvent, in db: RegistryDatabase.Connection) throws -> AuditEntry {
        try append(contentsOf: [event], in: db)[0]
    }

    /// Appends the entries for `events`, in order, in the transaction of `db`, each chained to
    /// the one before: the head and the policy set in force are read once for all of them.
    ///
    /// - Returns: The entries as stored.
    /// - Throws: `RegistroError` (internal) when an event holds a value that is not an
    ///   identifier or a code, before any is appended; database errors.
    @discardableResult
    static func append(
        contentsOf events: [AuditEvent], in db: RegistryDatabase.Connection
    ) throws -> [AuditEntry] {
        guard !events.isEmpty else { return [] }
        for event in events { try AuditEventCheck.requireSafe(event) }
        var head = try head(db)
        let policySet = try PolicySetDigest.inForce(db)
        // The entries of one append are made at one time, and share one encoder.
        let time = AuditTime.now()
        var encoder = AuditEncoder()
        var stored: [AuditEntry] = []
        stored.reserveCapacity(events.count)
        for event in events {
            var entry = AuditEntry(
                version: 1, seq: head.seq + 1, time: time, actor: event.actor, org: event.org,
                action: event.action.rawValue, resource: event.resource?.description, subject: event.subject,
                category: event.category?.rawValue, purpose: event.purpose, decision: event.decision.rawValue,
                policies: event.policies, policySet: policySet, emergency: event.emergency,
                emergencyReference: event.emergencyReference, consents: event.consents, rowCount: event.rowCount,
                fileDigest: event.fileDigest, detail: event.detail?.text, previousHash: head.hash, hash: [])
            encoder.reset(prefix: head.hash)
            entry.encode(into: &encoder)
            entry.hash = AuditChain.hash(encoder.written)
            head = (entry.seq, entry.hash)
            stored.append(entry)
        }
        try AuditEntryRecord.append(contentsOf: stored, db)
        return stored
    }

    /// The last entry's sequence number and hash; `(0, genesis)` for an empty log.
    static func head(_ db: RegistryDatabase.Connection) throws -> (seq: Int64, hash: [UInt8]) {
        try AuditEntryRecord.head(db) ?? (0, AuditChain.genesis)
    }

    /// The entries that `filter` selects, in sequence order.
    static func entries(matching filter: AuditFilter, _ db: RegistryDatabase.Connection) throws -> [AuditEntry] {
        try AuditEntryRecord.entries(matching: filter, db)
    }
}

/// The guard that keeps personal data out of the log: every text of an event must be an
/// identifier or a code.
enum AuditEventCheck {
    /// The longest identifier an event may carry.
    static let maximumLength = 128

    /// Requires every text of `event` to be 1 to 128 ASCII letters, digits, `_`, `-`, `.` or
    /// `:`, and lists to be free of the list separator.
    ///
    /// - Throws: `RegistroError` (internal) naming the field, never its value.
    static func requireSafe(_ event: AuditEvent) throws {
        // Field by field, without gathering them into an array: every audited read checks six.
        try requireIdentifier(event.actor, "actor")
        try requireIdentifier(event.org, "org")
        try requireIdentifier(event.resource?.description, "resource")
        try requireIdentifier(event.subject, "subject")
        try requireIdentifier(event.purpose, "purpose")
        try requireIdentifier(event.emergencyReference, "emergency_ref")
        for policy in event.policies { try requireIdentifier(policy, "policies") }
        for consent in event.consents { try requireIdentifier(consent, "consents") }
        if let digest = event.fileDigest, digest.count != BLAKE2b.digestLength {
            throw RegistroError.internal("an audit entry's file digest is not 32 bytes; nothing was recorded")
        }
    }

    /// Requires `value`, when given, to be an identifier, naming `field` (never the value).
    private static func requireIdentifier(_ value: String?, _ field: StaticString) throws {
        guard let value, !isIdentifier(value) else { return }
        throw RegistroError.internal("an audit entry's \(field) is not an identifier; nothing was recorded")
    }

    /// Whether `text` is 1 to 128 ASCII letters, digits, `_`, `-`, `.` or `:`.
    static func isIdentifier(_ text: String) -> Bool {
        // Over the UTF-8 bytes in place: every audited read checks about fifty of them.
        text.utf8.withContiguousStorageIfAvailable(isIdentifier) ?? isIdentifier(Array(text.utf8))
    }

    private static func isIdentifier(_ utf8: some Collection<UInt8>) -> Bool {
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: ":"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
