import GRDB

extension CaseSubject {
    /// Whether `organisation` has a relationship to this person: it owns the record, delivered
    /// them a service, holds a consent grant of theirs (to itself or to one of `networks`), or
    /// one of its users opened an emergency access on them.
    ///
    /// An organisation without one is never told who owns the person or that they are
    /// restricted: such a person is, to it, only a pseudonymous id.
    func isRelated(to organisation: String, networks: [String], _ db: Database) throws -> Bool {
        guard isRecorded else { return false }
        if owner == organisation { return true }
        let networkList = networks.isEmpty ? "NULL" : networks.map { _ in "?" }.joined(separator: ", ")
        var arguments: StatementArguments = [id, organisation, id, organisation]
        arguments += StatementArguments(networks)
        arguments += [id, organisation]
        return try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM delivery WHERE beneficiary_id = ? AND org_id = ?)
                    OR EXISTS (SELECT 1 FROM consent_grant WHERE beneficiary_id = ?
                               AND (grantee_org = ? OR grantee_network IN (\(networkList))))
                    OR EXISTS (SELECT 1 FROM emergency_access e JOIN operator o ON o.id = e.user_id
                               WHERE e.beneficiary_id = ? AND o.org_id = ?)
                """,
            arguments: arguments) ?? false
    }
}
