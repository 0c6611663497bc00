/// Networks, organisations and users: the registry's set-up, changed by an `Agent`, and read by
/// anyone holding it. Networks and organisations are the registry operator's (who holds the
/// database and the unlocked keyring); users are the operator's or, within their own
/// organisation, an admin's.
public struct OrganisationService: Sendable {
    /// The registry.
    let registry: Registry
    /// Who changes the set-up.
    let agent: Agent

    /// Adds a network of organisations.
    ///
    /// - Throws: `RegistroError` for an invalid or existing id, or an agent who may not.
    public func addNetwork(_ network: Network) throws {
        try Validators.requireSlug(network.id, field: .id)
        try Validators.requireText(network.name, field: .name)
        if agent.session == nil { _ = try registry.keys() }
        try registry.writeAuditing { db in
            try requireOperator(for: .addNetwork, resource: .network(network.id))
            guard try !RegistryRows.exists("network", network.id, db) else {
                throw RegistroError.invalidData(
                    .id, "a network `\(network.id)` exists already; choose another id",
                    key: .setUp(.networkExists(network.id)))
            }
            try Registry.insertNetwork(network, by: nil, db)
        }
    }

    /// Every network, by id.
    public func networks() throws -> [Network] {
        try registry.database.read { db in try NetworkRecord.all(db).map(\.network) }
    }

    /// Adds an organisation, with its axes and network memberships.
    ///
    /// - Throws: `RegistroError` for an invalid field, an existing id or fiscal code, an
    ///   unknown axis or network, or an agent who may not.
    public func addOrganisation(_ organisation: Organisation) throws {
        try Validators.requireSlug(organisation.id, field: .id)
        try Validators.requireText(organisation.name, field: .name)
        let fiscalCode = try organisation.fiscalCode.map { code in
            do throws(FieldProblem) {
                return try OrganisationFiscalCode.validated(code)
            } catch {
                throw RegistroError.invalidData(.fiscalCode, error.message)
            }
        }
        if organisation.runtsSection != nil && organisation.kind != .ets {
            throw RegistroError.invalidData(
                .runtsSection, "only an organisation of kind `ets` has a RUNTS section", hint: .useKindETS,
                key: .setUp(.runtsSectionNeedsETS))
        }
        if let territory = organisation.territory {
            try Validators.requireSlug(territory, field: .territory)
        }
        if agent.session == nil { _ = try registry.keys() }
        try registry.writeAuditing { db in
            try requireOperator(for: .addOrganisation, resource: .organisation(organisation.id))
            guard try !RegistryRows.exists("organisation", organisation.id, db) else {
                throw RegistroError.invalidData(
                    .id, "an organisation `\(organisation.id)` exists already; choose another id",
                    key: .setUp(.organisationExists(organisation.id)))
            }
            if let fiscalCode, try OrganisationRecord.exists(fiscalCode: fiscalCode, db) {
                throw RegistroError.invalidData(
                    .fiscalCode, "another organisation has this fiscal code; check it", key: .setUp(.fiscalCodeTaken))
            }
            let knownAxes = try Set(RegistryRows.serviceAxes(db))
            for axis in organisation.axes where !knownAxes.contains(axis) {
                let names = knownAxes.sorted().joined(separator: ", ")
                throw RegistroError.invalidData(
                    .axes, "`\(axis)` is not an axis of the service nomenclature; use one of " + names,
                    key: .setUp(.notAnAxis(axis, names: names)))
            }
            for network in organisation.networks where try !RegistryRows.exists("network", network, db) {
                throw RegistroError.invalidData(
                    .network, "no network `\(network)`", hint: .addNetwork, key: .setUp(.networkNotFound(network)))
            }
            try OrganisationRecord.insert(organisation, fiscalCode: fiscalCode, createdAt: Timestamp.now(), db)
            try AuditLog.append(
                AuditEvent(
                    by: nil, action: .addOrganisation, resource: .organisation(organisation.id), decision: .allow),
                in: db)
        }
    }

    /// Every organisation, by id, with its axes and networks.
    public func organisations() throws -> [Organisation] {
        try registry.database.read { db in try OrganisationRecord.allOrganisations(db) }
    }

    /// Adds a user of an existing organisation.
    ///
    /// - Throws: `RegistroError` for an invalid or existing id, an unknown organisation, or an
    ///   agent who may not.
    public func addUser(_ user: Operator) throws {
        try Validators.requireSlug(user.id, field: .id)
        try Validators.requireText(user.name, field: .name)
        if agent.session == nil, try registry.database.read({ db in try OperatorRecord.any(db) }) {
            _ = try registry.keys()
        }
        try registry.writeAuditing { db in
            // Bad input is told as such, before whether this agent may add the user.
            guard try RegistryRows.exists("organisation", user.org, db) else {
                throw RegistroError.invalidData(
                    .organisation, "no organisation `\(user.org)`", hint: .addOrganisation,
                    key: .setUp(.organisationNotFound(user.org)))
            }
            let admin = try requireAdministrator(of: user.org, for: .addUser, resource: .user(user.id))
            guard try !RegistryRows.exists("operator", user.id, db) else {
                throw RegistroError.invalidData(
                    .id, "a user `\(user.id)` exists already; choose another id", key: .setUp(.userExists(user.id)))
            }
            try OperatorRecord.insert(user, createdAt: Timestamp.now(), db)
            try AuditLog.append(
                AuditEvent(by: admin, action: .addUser, resource: .user(user.id), decision: .allow), in: db)
        }
    }

    /// Every user, by id.
    public func users() throws -> [Operator] {
        try registry.database.read { db in try OperatorRecord.allUsers(db) }
    }

    /// The reference codes of `kind`, built-in and local, by code.
    public func codes(_ kind: CodeKind) throws -> [ReferenceCode] {
        try registry.database.read { db in try RegistryRows.codes(kind, db) }
    }

    /// Requires the registry's operator: networks and organisations are the registry's set-up,
    /// never a user's (an admin of one organisation must not join others to a network, nor make
    /// organisations). The operator proves holding the registry by unlocking the keyring first.
    ///
    /// - Throws: `AuditedDenial` for a user.
    private func requireOperator(for action: AuditAction, resource: AuditResource) throws {
        if let user = agent.session?.user {
            throw AuditedDenial(
                AuditEvent(
                    by: user, action: action, resource: resource, decision: .deny,
                    detail: "only the registry's operator changes networks and organisations"),
                message: "networks and organisations are set up by the registry's operator, not by a user; "
                    + "`\(user.id)` may not",
                key: .account(.operatorSetsUp(user: user.id)))
        }
    }

    /// Requires the registry's operator or an admin of `organisation` to change that
    /// organisation's users. The operator unlocks the keyring first, except while the registry
    /// has no user at all, so that a new registry gets its first admin.
    ///
    /// - Returns: The administrator, `nil` for the operator.
    /// - Throws: `AuditedDenial` for a user who is not an admin of `organisation`.
    private func requireAdministrator(
        of organisation: String, for action: AuditAction, resource: AuditResource
    ) throws -> Operator? {
        guard let user = agent.session?.user else { return nil }
        guard user.role == .admin, user.org == organisation else {
            throw AuditedDenial(
                AuditEvent(
                    by: user, action: action, resource: resource, decision: .deny,
                    detail: "only an organisation's admins change its users"),
                message: "only an admin of `\(organisation)` may change its users; "
                    + "`\(user.id)` is a \(user.role.rawValue) of `\(user.org)`",
                key: .account(
                    .organisationAdminChangesUsers(org: organisation, user: user.id, role: user.role, userOrg: user.org)
                ))
        }
        return user
    }
}

extension Registry {
    /// Inserts `network`, added by `user` (`nil` while the registry has no user), and its audit
    /// entry.
    static func insertNetwork(_ network: Network, by user: Operator?, _ db: RegistryDatabase.Connection) throws {
        try NetworkRecord.insert(network, createdAt: Timestamp.now(), db)
        try AuditLog.append(
            AuditEvent(by: user, action: .addNetwork, resource: .network(network.id), decision: .allow), in: db)
    }
}
