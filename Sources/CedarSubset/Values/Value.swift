/// A Cedar value: what attributes, context entries and expressions hold.
///
/// Equality is Cedar's: strings compare scalar by scalar, sets as sets, records key by key;
/// values of different types are simply unequal.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// `true` or `false`.
    case bool(Bool)
    /// A 64-bit signed integer (Cedar's `Long`); arithmetic that overflows is an error.
    case long(Int64)
    /// A string.
    case string(String)
    /// A reference to an entity, which may or may not exist in the entity store.
    case entity(EntityUID)
    /// A set of values, possibly of mixed types.
    case set(Set<Value>)
    /// A record: named values.
    case record(Record)
    /// A value of an extension type (`decimal`, `ipaddr`, `datetime`, `duration`), which only
    /// entity and context data can hold.
    case `extension`(ExtensionValue)

    /// Cedar's equality: same type and same value (strings scalar by scalar, sets as sets).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let left), .bool(let right)): left == right
        case (.long(let left), .long(let right)): left == right
        case (.string(let left), .string(let right)): scalarsEqual(left, right)
        case (.entity(let left), .entity(let right)): left == right
        case (.set(let left), .set(let right)): left == right
        case (.record(let left), .record(let right)): left == right
        case (.extension(let left), .extension(let right)): left == right
        default: false
        }
    }

    /// Hashes the value consistently with Cedar's equality.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let value):
            hasher.combine(0)
            hasher.combine(value)
        case .long(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(2)
            hashScalars(value, into: &hasher)
        case .entity(let value):
            hasher.combine(3)
            hasher.combine(value)
        case .set(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .record(let value):
            hasher.combine(5)
            hasher.combine(value)
        case .extension(let value):
            hasher.combine(6)
            hasher.combine(value)
        }
    }

    /// The name of the value's type, as error messages give it.
    public var typeName: String {
        switch self {
        case .bool: "bool"
        case .long: "long"
        case .string: "string"
        case .entity: "entity"
        case .set: "set"
        case .record: "record"
        case .extension(let value): value.typeName
        }
    }

    /// The value in Cedar syntax (sets and records in a stable order).
    public var description: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .long(let value): return String(value)
        case .string(let value): return "\"\(escapedForCedar(value))\""
        case .entity(let uid): return uid.description
        case .set(let values):
            return "[" + values.map(\.description).sorted().joined(separator: ", ") + "]"
        case .record(let record):
            let entries = record.storage.sorted { $0.key < $1.key }
                .map { "\"\(escapedForCedar($0.key.string))\": \($0.value)" }
            return "{" + entries.joined(separator: ", ") + "}"
        case .extension(let value):
            return value.description
        }
    }
}

extension Value: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// A Boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A Long value.
    public init(integerLiteral value: Int64) { self = .long(value) }
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Value {
    /// A set of `values`.
    public static func set(_ values: [Value]) -> Value { .set(Set(values)) }
    /// A record holding `attributes`.
    public static func record(_ attributes: [String: Value]) -> Value { .record(Record(attributes)) }
}
