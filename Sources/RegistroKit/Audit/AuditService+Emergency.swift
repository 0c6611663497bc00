import Foundation

extension AuditService {
    /// The emergency accesses on the people the privacy officer's organisation owns (every one
    /// for the registry's operator), oldest first, with their reasons and reviews; only those
    /// waiting for review when `unreviewed`. The consultation is recorded in the audit log.
    ///
    /// - Throws: `RegistroError` for a user who is not a privacy officer (denied and recorded).
    public func emergencyAccesses(unreviewed: Bool = false) throws -> [EmergencyAccessReview] {
        let keys = try registry.keys()
        return try registry.writeAuditing { db in
            let user = try requireReviewer(db, emergency: nil)
            let rows = try EmergencyQueueRow.queue(owner: user?.org, unreviewed: unreviewed, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, decision: .allow,
                    detail: unreviewed ? "emergency accesses: unreviewed" : "emergency accesses"),
                in: db)
            return try rows.map { row in try Self.review(row, keys: keys) }
        }
    }

    /// Records the review of emergency access `id` by the owner's privacy officer, with `note`
    /// (sealed under the registry's records key).
    ///
    /// - Throws: `RegistroError` for an unknown access, one reviewed already, or an empty note;
    ///   to a user who is not the owner's privacy officer, the denial recorded, as for an
    ///   unknown access.
    public func reviewEmergencyAccess(_ id: String, note: String) throws {
        let keys = try registry.keys()
        try Validators.requireText(note, field: .note, maximumLength: TextLimit.notes)
        let user = try Registry.requireSession(agent).user
        try registry.writeAuditing { db in
            let queue = try EmergencyQueueRow.queue(owner: nil, unreviewed: false, db)
            let unknown = RegistroError.notFound(
                .emergencyAccess, "no emergency access `\(id)`", key: .emergencyAccessNotFound(id))
            guard let row = queue.first(where: { $0.access.id == id }) else { throw unknown }
            do {
                _ = try requireReviewer(db, emergency: row)
            } catch let denial as AuditedDenial {
                // Anyone but the owner's privacy officer is told of it as of an unknown id.
                throw AuditedDenial(denial.event, answering: unknown)
            }
            guard row.review == nil else {
                throw RegistroError.invalidData(
                    .emergencyAccess, "emergency access `\(id)` was reviewed already",
                    key: .emergencyReviewedAlready(id))
            }
            let sealed = FieldSealing.seal(
                note, at: FieldLocation(table: "emergency_review", column: "note", row: id), with: keys.recordsKey)
            try EmergencyReviewRecord(
                emergencyID: id, reviewedAt: Timestamp.now(), reviewedBy: user.id, note: Data(sealed)
            ).add(db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .emergencyAccess(id), subject: row.access.beneficiaryID,
                    decision: .allow, emergencyReference: id, detail: "emergency access reviewed"),
                in: db)
        }
    }

    /// Requires a privacy officer (of the owner, for `emergency`); the registry's operator
    /// consults the queue only while the registry has no user.
    private func requireReviewer(_ db: RegistryDatabase.Connection, emergency: EmergencyQueueRow?) throws -> Operator? {
        guard try OperatorRecord.any(db) else { return nil }
        let user = try Registry.requireSession(agent).user
        guard user.role == .privacyOfficer, emergency.map({ $0.owner == user.org }) ?? true else {
            throw AuditedDenial(
                AuditEvent(
                    by: user, action: .audit, resource: emergency.map { .emergencyAccess($0.access.id) } ?? .auditLog,
                    subject: emergency?.access.beneficiaryID, decision: .deny,
                    detail: "only the owner's privacy officer reviews emergency accesses"),
                message: "only a privacy officer of the person's owner reviews emergency accesses; "
                    + "`\(user.id)` is a \(user.role.rawValue) of `\(user.org)`",
                key: .emergencyReviewerOnly(user: user.id, role: user.role, org: user.org))
        }
        return user
    }

    /// The review-queue entry of `row`, its reason and note opened with the records key.
    private static func review(_ row: EmergencyQueueRow, keys: KeyMaterial) throws -> EmergencyAccessReview {
        let access = row.access
        let reason = try FieldSealing.open(
            Array(access.reason), at: FieldLocation(table: "emergency_access", column: "reason", row: access.id),
            with: keys.recordsKey)
        let note = try row.review.map { review in
            try FieldSealing.open(
                Array(review.note), at: FieldLocation(table: "emergency_review", column: "note", row: access.id),
                with: keys.recordsKey)
        }
        return EmergencyAccessReview(
            id: access.id, beneficiary: access.beneficiaryID, owner: row.owner, user: access.userID,
            purpose: access.purpose, openedAt: access.openedAt, expiresAt: access.expiresAt, reason: reason,
            reviewedAt: row.review?.reviewedAt, reviewedBy: row.review?.reviewedBy, note: note)
    }
}
