/// A Cedar record: values by attribute name. Names compare scalar by scalar, as in Cedar.
public struct Record: Hashable, Sendable {
    var storage: [ScalarString: Value]

    /// An empty record.
    public init() {
        storage = [:]
    }

    /// A record holding `attributes`.
    public init(_ attributes: [String: Value]) {
        storage = Dictionary(uniqueKeysWithValues: attributes.map { (ScalarString($0.key), $0.value) })
    }

    init(storage: [ScalarString: Value]) {
        self.storage = storage
    }

    /// The value of attribute `name`, if the record has it.
    public subscript(name: String) -> Value? {
        get { storage[ScalarString(name)] }
        set { storage[ScalarString(name)] = newValue }
    }

    /// The attribute names, in no particular order.
    public var names: [String] { storage.keys.map(\.string) }

    /// The number of attributes.
    public var count: Int { storage.count }

    /// Whether the record has no attribute.
    public var isEmpty: Bool { storage.isEmpty }
}
