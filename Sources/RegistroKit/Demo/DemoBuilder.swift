import Foundation

/// What the demo built, for its closing summary.
public struct DemoSummary: Sendable {
    /// The registry built.
    public var location: RegistryLocation
    /// Organisations by territory.
    public var organisationsByTerritory: [(territory: String, organisations: [String])]
    /// Users created.
    public var users: Int
    /// People recorded.
    public var beneficiaries: Int
    /// Deliveries recorded.
    public var deliveries: Int
    /// People served by two or more organisations.
    public var servedByTwoOrMore: Int
    /// People by axis of the services they received (a person may count on several axes).
    public var peopleByAxis: [(axis: String, people: Int)]
    /// Deliveries by year.
    public var deliveriesByYear: [(year: String, deliveries: Int)]
    /// The coordinator the closing reports are run as.
    public var reportingUser: String
    /// People by organisation and citizenship as that coordinator sees them: small cells
    /// suppressed.
    public var suppressedReport: ReportTable
    /// People served on the same axis by two or more organisations, by axis and territory.
    public var overlapReport: ReportTable
    /// A consent grant, a partner's case view and an emergency access; `nil` in a registry too
    /// small to have a person served by two organisations.
    public var sharing: DemoSharing?
}

extension Registry {
    /// Builds a synthetic registry modelled on the Quadrante AL&AT network in a new database:
    /// its organisations and users, fake people with valid codici fiscali, deliveries over
    /// 2019–2020 imported through each organisation's spreadsheet, some people served by two
    /// organisations; then a consent grant to the network, a partner's view of the case it
    /// opens, and an emergency access.
    ///
    /// - Parameters:
    ///   - location: Where to create the registry; the database must not exist.
    ///   - protection: How the keyring protects the root key.
    ///   - beneficiaries: How many people to create.
    ///   - deliveries: About how many deliveries to record.
    ///   - seed: The seed of the synthetic data; the same seed gives the same people.
    ///   - spreadsheets: A directory to write each organisation's synthetic spreadsheet to, as
    ///     `ORG.csv`, exactly as it is imported (for benchmarks that import the same files
    ///     elsewhere); `nil` writes none.
    ///   - progress: Receives each step.
    /// - Throws: `RegistroError` when the registry cannot be created or a spreadsheet cannot be
    ///   written.
    public static func demo(
        at location: RegistryLocation, protection: KeyringProtection, beneficiaries: Int, deliveries: Int,
        seed: UInt64, spreadsheets: String? = nil, progress: @escaping (DemoProgress) -> Void = { _ in }
    ) throws -> DemoSummary {
        guard beneficiaries > 0, deliveries >= beneficiaries else {
            throw RegistroError.usage(
                .demoDeliveries, "must be at least as many as the people, and both above zero",
                key: .demoTooFewDeliveries)
        }
        let registry = try Registry.create(at: location, protection: protection, network: DemoNetwork.network)
        for organisation in DemoNetwork.organisations {
            try registry.organisations().addOrganisation(organisation)
        }
        // The registry's operator adds the users of every organisation.
        for user in DemoNetwork.operators {
            try registry.organisations().addUser(user)
        }
        let services = try registry.database.read { db in try DemoQueries.builtInServicesByAxis(db) }
        progress(.generating(people: beneficiaries, deliveries: deliveries, seed: seed))
        let population = SyntheticPopulation(
            beneficiaries: beneficiaries, deliveries: deliveries, seed: seed, services: services)
        for organisation in DemoNetwork.organisations where !organisation.axes.isEmpty {
            let csv = population.csv(for: organisation.id)
            if let spreadsheets {
                try PrivateFile.create(
                    at: "\(spreadsheets)/\(organisation.id).csv", contents: Data(csv), what: "spreadsheet")
            }
            let summary = try registry.session(as: "\(organisation.id)-sw").imports.importDeliveries(
                from: .bytes(csv, name: "\(organisation.id).csv"),
                report: { problem in progress(.unexpectedProblem("\(problem)")) })
            progress(.imported(organisation: organisation.id, deliveries: summary.rows, people: summary.peopleCreated))
        }
        progress(.sharing)
        let sharing = try registry.demoSharing()
        return try registry.demoSummary(sharing: sharing)
    }

    /// Counts that show what the demo built, and the reports a coordinator would run first.
    private func demoSummary(sharing: DemoSharing?) throws -> DemoSummary {
        let organisations = try self.organisations().organisations()
        let coordinator = DemoNetwork.operators.first { $0.role == .coordinator }!.id
        let reports = try session(as: coordinator).reports
        let suppressed = try reports.deliveriesReport(DeliveryReportRequest(dimensions: [.org, .citizenship]))
        let overlaps = try reports.overlapReport()
        let counts = try database.read { db in try DemoQueries.counts(db) }
        let territories = Dictionary(grouping: organisations) { $0.territory ?? "" }
            .map { (territory: $0.key, organisations: $0.value.map(\.id)) }
            .sorted { $0.territory < $1.territory }
        return DemoSummary(
            location: location,
            organisationsByTerritory: territories,
            users: counts.users, beneficiaries: counts.beneficiaries, deliveries: counts.deliveries,
            servedByTwoOrMore: counts.servedByTwoOrMore, peopleByAxis: counts.peopleByAxis,
            deliveriesByYear: counts.deliveriesByYear,
            reportingUser: coordinator, suppressedReport: suppressed, overlapReport: overlaps, sharing: sharing)
    }
}
