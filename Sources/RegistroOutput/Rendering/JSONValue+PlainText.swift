import RegistroKit

extension JSONValue {
    /// The value as plain text for tables and CSV: strings bare, `null` empty, numbers and
    /// booleans as in JSON, arrays joined with commas, objects as compact JSON.
    public var plainText: String {
        switch self {
        case .null: ""
        case .string(let value): value
        case .array(let values): values.map(\.plainText).joined(separator: ",")
        case .bool, .int, .double, .object: encoded(pretty: false)
        }
    }
}
