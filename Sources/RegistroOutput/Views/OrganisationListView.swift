import RegistroKit

/// The organisations of the registry (`org list`): one row each.
public struct OrganisationListView: LocalisedTableView {
    /// What the view shows, for sentences.
    public static let noun = "the list of organisations"

    /// The organisations shown, in order.
    public let organisations: [Organisation]

    /// The language of the terminal headings.
    public let language: Language

    /// The view of `organisations`, headed on a terminal in `language`.
    public init(_ organisations: [Organisation], language: Language = .english) {
        self.organisations = organisations
        self.language = language
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
