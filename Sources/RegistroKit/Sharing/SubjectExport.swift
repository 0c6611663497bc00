/// Everything the registry holds about a person, for them (GDPR art. 15 and 20): their data,
/// their deliveries by every organisation, their consent grants, and the organisations that
/// received their data.
public struct SubjectExport: Sendable {
    /// The export as a JSON value, keys in a stable order.
    public var json: JSONValue
}
