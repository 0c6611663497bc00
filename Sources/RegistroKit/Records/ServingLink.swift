/// Whether an organisation has a link to a person another organisation owns, which it needs to
/// record a service for them: it found them by their codice fiscale (an allowed lookup by one of
/// its users, or an import that matched it), serves them already, or holds a consent grant of
/// theirs in force now, to itself or one of its networks. Without one, the person's id is a
/// guess or a leak, and is answered as if nobody had it.
enum ServingLink {
    /// Whether `org`, in `networks`, has a link to `beneficiary` on `today`.
    static func exists(
        org: String, networks: [String], to beneficiary: String, today: CalendarDate, _ db: RegistryDatabase.Connection
    ) throws -> Bool {
        if try PersonLinkRows.hasDeliveryOrLookup(of: beneficiary, by: org, db) { return true }
        return try ConsentGrantRecord.grants(of: beneficiary, today: today, db).contains { grant in
            grant.status == .given && (grant.granteeIsNetwork ? networks.contains(grant.grantee) : grant.grantee == org)
        }
    }
}
