import RegistroKit

/// The registry's users (`user list`): one row each.
public struct UserListView: TableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of users"

    /// The users shown, in order.
    public let users: [Operator]

    /// The view of `users`.
    public init(_ users: [Operator]) {
        self.users = users
    }

    /// `id`, `name`, `org`, `role`.
    public var table: Tabular {
        Tabular(
            columns: ["id", "name", "org", "role"],
            rows: users.map { [.string($0.id), .string($0.name), .string($0.org), .string($0.role.rawValue)] })
    }
}
