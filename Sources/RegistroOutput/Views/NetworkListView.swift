import RegistroKit

/// The networks of organisations (`network list`): one row each.
public struct NetworkListView: TableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of networks"

    /// The networks shown, in order.
    public let networks: [Network]

    /// The view of `networks`.
    public init(_ networks: [Network]) {
        self.networks = networks
    }

    /// `id`, `name`.
    public var table: Tabular {
        Tabular(columns: ["id", "name"], rows: networks.map { [.string($0.id), .string($0.name)] })
    }
}
