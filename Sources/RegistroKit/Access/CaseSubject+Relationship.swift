extension CaseSubject {
    /// Whether `organisation` has a relationship to this person: it owns the record, delivered
    /// them a service, holds a consent grant of theirs (to itself or to one of `networks`), or
    /// one of its users opened an emergency access on them.
    ///
    /// An organisation without one is never told who owns the person or that they are
    /// restricted: such a person is, to it, only a pseudonymous id.
    func isRelated(to organisation: String, networks: [String], _ db: RegistryDatabase.Connection) throws -> Bool {
        guard isRecorded else { return false }
        if owner == organisation { return true }
        return try CaseSubjectRecord.hasRelationship(id, organisation: organisation, networks: networks, db)
    }
}
