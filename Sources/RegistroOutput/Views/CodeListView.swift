import RegistroKit

/// A reference code list (`codes KIND`): the list's own columns, one row per code.
public struct CodeListView: TableView {
    /// What the view shows, for sentences.
    public static let noun = "a code list"

    /// Which list.
    public let kind: CodeKind
    /// The codes shown, in order.
    public let codes: [ReferenceCode]

    /// The view of the `codes` of list `kind`.
    public init(_ kind: CodeKind, _ codes: [ReferenceCode]) {
        self.kind = kind
        self.codes = codes
    }

    /// The list's columns; `area_utenza` as a number, every other value as text.
    public var table: Tabular {
        Tabular(
            columns: kind.columns,
            rows: codes.map { code in
                code.values.enumerated().map { index, value -> JSONValue in
                    kind.columns[index] == "area_utenza" ? .int(Int64(value) ?? 0) : .string(value)
                }
            })
    }
}
