import RegistroKit

/// The networks of organisations (`network list`): one row each.
public struct NetworkListView: LocalisedTableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of networks"

    /// The networks shown, in order.
    public let networks: [Network]

    /// The language of the terminal headings.
    public let language: Language

    /// The view of `networks`, headed on a terminal in `language`.
    public init(_ networks: [Network], language: Language = .english) {
        self.networks = networks
        self.language = language
    }

    /// `id`, `name`.
    public var table: Tabular {
        Tabular(columns: ["id", "name"], rows: networks.map { [.string($0.id), .string($0.name)] })
    }
}
