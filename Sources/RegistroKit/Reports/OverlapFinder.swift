/// Finds, in one scan of the deliveries, the people served on the same axis by two or more
/// organisations, with the territory they count under: the territory of those organisations,
/// or `Registry.severalTerritories` when they lie in more than one.
enum OverlapFinder {
    /// One person served on one axis by two or more organisations.
    struct Overlap {
        /// The axis.
        var axis: String
        /// The territory the person counts under.
        var territory: String
        /// The person's pseudonymous id (never published: only counted).
        var person: String
    }

    /// What is known of one person on one axis so far.
    private struct Service {
        var organisation: String
        var servedByAnother = false
        var territories: Set<String>
    }

    /// The overlaps among the deliveries of `scope` in `period`, on `axis` only when given, in a
    /// stable order.
    static func overlaps(
        _ db: RegistryDatabase.Connection, period: ReportPeriod, scope: ReportScope, axis onlyAxis: String?
    ) throws -> [Overlap] {
        var territories: [String: String] = [:]
        for (organisation, territory) in try ReportFacts.territories(db) {
            territories[organisation] = territory ?? ReportDimension.unknownValue
        }
        let axes = try ReportFacts.axes(db)
        let scan = try ReportScans.overlapDeliveries(period: period, scope: scope, db)
        var services: [String: [String: Service]] = [:]
        var previous: (org: String, service: String, person: String)?
        while try scan.next() {
            guard let org = scan.bytes(0), let service = scan.bytes(1), let person = scan.bytes(2) else { continue }
            let current = (
                String(decoding: org, as: UTF8.self), String(decoding: service, as: UTF8.self),
                String(decoding: person, as: UTF8.self)
            )
            if let previous, previous == current { continue }
            previous = current
            guard let axis = axes[current.1], onlyAxis == nil || axis == onlyAxis else { continue }
            let territory = territories[current.0] ?? ReportDimension.unknownValue
            if var known = services[current.2]?[axis] {
                known.servedByAnother = known.servedByAnother || known.organisation != current.0
                known.territories.insert(territory)
                services[current.2]![axis] = known
            } else {
                services[current.2, default: [:]][axis] = Service(organisation: current.0, territories: [territory])
            }
        }
        var overlaps: [Overlap] = []
        for (person, axes) in services.sorted(by: { $0.key < $1.key }) {
            for (axis, service) in axes.sorted(by: { $0.key < $1.key }) where service.servedByAnother {
                let territory =
                    service.territories.count == 1 ? service.territories.first! : Registry.severalTerritories
                overlaps.append(Overlap(axis: axis, territory: territory, person: person))
            }
        }
        return overlaps
    }
}
