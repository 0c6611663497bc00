import RegistroKit

/// The registry's users (`user list`): one row each.
public struct UserListView: LocalisedTableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of users"

    /// The users shown, in order.
    public let users: [Operator]

    /// The language of the terminal headings.
    public let language: Language

    /// The view of `users`, headed on a terminal in `language`.
    public init(_ users: [Operator], language: Language = .english) {
        self.users = users
        self.language = language
    }

    /// `id`, `name`, `org`, `role`.
    public var table: Tabular {
        Tabular(
            columns: ["id", "name", "org", "role"],
            rows: users.map { [.string($0.id), .string($0.name), .string($0.org), .string($0.role.rawValue)] })
    }
}
