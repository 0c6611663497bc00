/// How the audit tables, their indexes or triggers differ from what the migrations made: the
/// first difference found, a sign that the database was changed by hand.
public enum AuditSchemaChange: Sendable, Equatable, CustomStringConvertible {
    /// The trigger `name`, one of those keeping the log append-only, is missing.
    case triggerRemoved(name: String)
    /// The object `name` of `type` (`table`, `index`) is missing.
    case removed(type: String, name: String)
    /// The object `name` of `type` has another text than the one registro made.
    case altered(type: String, name: String)
    /// The object `name` of `type` was added to the audit tables.
    case added(type: String, name: String)

    /// The difference in the library's English, as a phrase.
    public var description: String {
        switch self {
        case .triggerRemoved(let name):
            "the triggers that keep the audit log append-only were removed (`\(name)` is missing)"
        case .removed(let type, let name): "the \(type) `\(name)` was removed"
        case .altered(let type, let name):
            "\(Self.named(type, name)) was altered: its text is not the one registro made"
        case .added(let type, let name): "the \(type) `\(name)` was added to the audit tables"
        }
    }

    /// `the trigger `x` that keeps the audit log append-only`, or `the TYPE `x``.
    private static func named(_ type: String, _ name: String) -> String {
        type == "trigger" ? "the trigger `\(name)` that keeps the audit log append-only" : "the \(type) `\(name)`"
    }
}
