import GRDB

/// Networks, organisations and users: the registry's set-up, changed by an `Agent` (the
/// registry's operator while it has no user, then an admin), and read by anyone holding it.
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
        try registry.writeAuditing { db in
            let user = try requireAdministrator(db, for: .addNetwork, resource: .network(network.id))
            guard try !Registry.exists(db, "network", network.id) else {
                throw RegistroError.invalidData(.id, "a network `\(network.id)` exists already; choose another id")
            }
            try Registry.insertNetwork(network, by: user, db)
        }
    }

    /// Every network, by id.
    public func networks() throws -> [Network] {
        try registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM network ORDER BY id").map {
                Network(id: $0["id"], name: $0["name"])
            }
        }
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
                .runtsSection, "only an organisation of kind `ets` has a RUNTS section", hint: .useKindETS)
        }
        if let territory = organisation.territory {
            try Validators.requireSlug(territory, field: .territory)
        }
        try registry.writeAuditing { db in
            let user = try requireAdministrator(db, for: .addOrganisation, resource: .organisation(organisation.id))
            guard try !Registry.exists(db, "organisation", organisation.id) else {
                throw RegistroError.invalidData(.id, "an organisation `\(organisation.id)` exists already; choose another id")
            }
            if let fiscalCode,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM organisation WHERE cf = ?", arguments: [fiscalCode]) == true
            {
                throw RegistroError.invalidData(.fiscalCode, "another organisation has this fiscal code; check it")
            }
            let knownAxes = try Set(String.fetchAll(db, sql: "SELECT DISTINCT axis FROM service_code"))
            for axis in organisation.axes where !knownAxes.contains(axis) {
                throw RegistroError.invalidData(
                    .axes,
                    "`\(axis)` is not an axis of the service nomenclature; use one of "
                        + knownAxes.sorted().joined(separator: ", "))
            }
            for network in organisation.networks where try !Registry.exists(db, "network", network) {
                throw RegistroError.invalidData(.network, "no network `\(network)`", hint: .addNetwork)
            }
            try db.execute(
                sql: """
                    INSERT INTO organisation (id, name, kind, cf, runts_section, territory, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    organisation.id, organisation.name, organisation.kind.rawValue, fiscalCode,
                    organisation.runtsSection?.rawValue, organisation.territory, Timestamp.now(),
                ])
            for axis in Set(organisation.axes) {
                try db.execute(
                    sql: "INSERT INTO organisation_axis (org_id, axis) VALUES (?, ?)", arguments: [organisation.id, axis])
            }
            for network in Set(organisation.networks) {
                try db.execute(
                    sql: "INSERT INTO network_member (network_id, org_id) VALUES (?, ?)", arguments: [network, organisation.id])
            }
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .addOrganisation, resource: .organisation(organisation.id), decision: .allow),
                in: db)
        }
    }

    /// Every organisation, by id, with its axes and networks.
    public func organisations() throws -> [Organisation] {
        try registry.database.read { db in
            let axes = try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT org_id, axis FROM organisation_axis ORDER BY axis")
            ) { $0["org_id"] as String }
            let networks = try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT org_id, network_id FROM network_member ORDER BY network_id")
            ) { $0["org_id"] as String }
            return try Row.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY id").map { row in
                let id: String = row["id"]
                return Organisation(
                    id: id, name: row["name"], kind: OrganisationKind(rawValue: row["kind"])!,
                    fiscalCode: row["cf"], runtsSection: (row["runts_section"] as String?).flatMap(RuntsSection.init),
                    territory: row["territory"], axes: axes[id, default: []].map { $0["axis"] },
                    networks: networks[id, default: []].map { $0["network_id"] })
            }
        }
    }

    /// Adds a user of an existing organisation.
    ///
    /// - Throws: `RegistroError` for an invalid or existing id, an unknown organisation, or an
    ///   agent who may not.
    public func addUser(_ user: Operator) throws {
        try Validators.requireSlug(user.id, field: .id)
        try Validators.requireText(user.name, field: .name)
        try registry.writeAuditing { db in
            let admin = try requireAdministrator(db, for: .addUser, resource: .user(user.id))
            guard try !Registry.exists(db, "operator", user.id) else {
                throw RegistroError.invalidData(.id, "a user `\(user.id)` exists already; choose another id")
            }
            guard try Registry.exists(db, "organisation", user.org) else {
                throw RegistroError.invalidData(.organisation, "no organisation `\(user.org)`", hint: .addOrganisation)
            }
            try db.execute(
                sql: "INSERT INTO operator (id, name, org_id, role, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [user.id, user.name, user.org, user.role.rawValue, Timestamp.now()])
            try AuditLog.append(AuditEvent(by: admin, action: .addUser, resource: .user(user.id), decision: .allow), in: db)
        }
    }

    /// Every user, by id.
    public func users() throws -> [Operator] {
        try registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, org_id, role FROM operator ORDER BY id").map(Registry.operatorValue)
        }
    }

    /// The reference codes of `kind`, built-in and local, by code.
    public func codes(_ kind: CodeKind) throws -> [ReferenceCode] {
        try registry.database.read { db in
            let columns = (kind.columns + ["local"]).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(kind.table) ORDER BY code").map { row in
                ReferenceCode(
                    values: kind.columns.map { column in
                        let value: DatabaseValue = row[column]
                        return String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? ""
                    },
                    isLocal: row["local"])
            }
        }
    }

    /// Requires an administrator to change the registry's organisations, networks and users,
    /// except while the registry has no user at all: then the registry's operator sets it up,
    /// and the change is recorded with no actor.
    ///
    /// - Parameters:
    ///   - action: The change asked for, recorded if it is denied.
    ///   - resource: What it would change.
    /// - Returns: The administrator, `nil` while the registry has no user.
    /// - Throws: `AuditedDenial` for a user who is not an admin.
    private func requireAdministrator(_ db: Database, for action: AuditAction, resource: AuditResource) throws -> Operator? {
        guard try Registry.hasUsers(db) else { return nil }
        let user = try Registry.requireSession(agent).user
        guard user.role == .admin else {
            throw AuditedDenial(
                AuditEvent(
                    by: user, action: action, resource: resource, decision: .deny,
                    detail: "only admins change organisations, networks and users"),
                message: "only an admin may change organisations, networks and users; `\(user.id)` is a \(user.role.rawValue)")
        }
        return user
    }
}

extension Registry {
    /// Inserts `network`, added by `user` (`nil` while the registry has no user), and its audit
    /// entry.
    static func insertNetwork(_ network: Network, by user: Operator?, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO network (id, name, created_at) VALUES (?, ?, ?)",
            arguments: [network.id, network.name, Timestamp.now()])
        try AuditLog.append(
            AuditEvent(by: user, action: .addNetwork, resource: .network(network.id), decision: .allow), in: db)
    }

    /// Whether `table` has a row with primary key `id`.
    static func exists(_ db: Database, _ table: String, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) == true
    }

    /// A user from their row.
    static func operatorValue(_ row: Row) -> Operator {
        Operator(id: row["id"], name: row["name"], org: row["org_id"], role: Role(rawValue: row["role"])!)
    }
}
