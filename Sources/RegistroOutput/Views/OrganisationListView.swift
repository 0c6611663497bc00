import RegistroKit

/// The organisations of the registry (`org list`): one row each.
public struct OrganisationListView: TableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of organisations"

    /// The organisations shown, in order.
    public let organisations: [Organisation]

    /// The view of `organisations`.
    public init(_ organisations: [Organisation]) {
        self.organisations = organisations
    }

    /// `id`, `name`, `kind`, `cf`, `runts_section`, `territory`, `axes`, `networks`.
    public var table: Tabular {
        Tabular(
            columns: ["id", "name", "kind", "cf", "runts_section", "territory", "axes", "networks"],
            rows: organisations.map { org in
                [
                    .string(org.id), .string(org.name), .string(org.kind.rawValue), .text(org.fiscalCode),
                    .text(org.runtsSection?.rawValue), .text(org.territory),
                    .array(org.axes.map(JSONValue.string)), .array(org.networks.map(JSONValue.string)),
                ]
            })
    }
}
