/// An organisation of the registry: an ETS, a public body or a company.
public struct Organisation: Sendable, Equatable {
    /// The organisation's slug, e.g. `coala`.
    public var id: String
    /// Its name, e.g. `Co.Al.A. scs`.
    public var name: String
    /// Its legal form family.
    public var kind: OrganisationKind
    /// Its 11-digit fiscal code, when known.
    public var fiscalCode: String?
    /// Its RUNTS section, for ETS.
    public var runtsSection: RuntsSection?
    /// Its territory, e.g. `asti`.
    public var territory: String?
    /// The axes it works on, e.g. `lavoro`.
    public var axes: [String]
    /// The networks it belongs to.
    public var networks: [String]

    /// Creates an organisation value.
    public init(
        id: String, name: String, kind: OrganisationKind, fiscalCode: String? = nil,
        runtsSection: RuntsSection? = nil, territory: String? = nil, axes: [String] = [], networks: [String] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.fiscalCode = fiscalCode
        self.runtsSection = runtsSection
        self.territory = territory
        self.axes = axes
        self.networks = networks
    }
}

/// An operator: a person who uses the registry on behalf of one organisation.
public struct Operator: Sendable, Equatable {
    /// The operator's slug, used with `--as`.
    public var id: String
    /// Their name.
    public var name: String
    /// The organisation they work for.
    public var org: String
    /// Their role.
    public var role: Role

    /// Creates an operator value.
    public init(id: String, name: String, org: String, role: Role) {
        self.id = id
        self.name = name
        self.org = org
        self.role = role
    }
}

/// A network of organisations, e.g. a territorial partnership.
public struct Network: Sendable, Equatable {
    /// The network's slug.
    public var id: String
    /// Its name.
    public var name: String

    /// Creates a network value.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
