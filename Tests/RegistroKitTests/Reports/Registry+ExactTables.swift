@testable import RegistroKit

extension Registry {
    /// The true table of `request` over every organisation's deliveries, without
    /// authorisation: what counts are checked against.
    func exactTable(_ request: DeliveryReportRequest) throws -> ReportTable {
        var exact = request
        exact.exact = true
        let keys = request.dimensions.contains(.vulnerability) ? try keys() : nil
        return try database.read { try Self.deliveriesTable(exact, scope: ReportScope(), keys: keys, $0) }
    }

    /// The true overlap table over every organisation's deliveries, without authorisation.
    func exactOverlaps(axis: String? = nil) throws -> ReportTable {
        try database.read {
            try Self.overlapTable(axis: axis, period: .all, minCell: 1, exact: true, scope: ReportScope(), $0)
        }
    }
}
