/// The types of Cedar's validator in strict mode: Booleans refined to `True` and `False` where
/// the value is known, sets with their element type (none for an empty set), records with
/// their attributes, entities by type, and extension types.
indirect enum ValidatorType: Equatable, Sendable, CustomStringConvertible {
    enum BoolKind: Equatable, Sendable { case any, alwaysTrue, alwaysFalse }

    struct Attribute: Equatable, Sendable {
        let type: ValidatorType
        let required: Bool
    }

    /// The type of no value (the start of a least upper bound).
    case never
    case bool(BoolKind)
    case long
    case string
    case set(ValidatorType?)
    case record([ScalarString: Attribute], isOpen: Bool)
    case entity(String)
    /// An entity of unknown type.
    case anyEntity
    case `extension`(String)

    static let anyBool = ValidatorType.bool(.any)

    init(_ schemaType: Schema.AttributeType) {
        switch schemaType {
        case .bool: self = .bool(.any)
        case .long: self = .long
        case .string: self = .string
        case .set(let element): self = .set(ValidatorType(element))
        case .record(let record): self = ValidatorType(record)
        case .entity(let name): self = .entity(name)
        case .extension(let name): self = .extension(name)
        }
    }

    init(_ record: Schema.RecordType) {
        self = .record(
            record.attributes.mapValues { Attribute(type: ValidatorType($0.type), required: $0.required) },
            isOpen: record.isOpen)
    }

    /// The type as Cedar's validator names it in messages.
    var description: String {
        switch self {
        case .never: "Never"
        case .bool(.any): "Bool"
        case .bool(.alwaysTrue): "True"
        case .bool(.alwaysFalse): "False"
        case .long: "Long"
        case .string: "String"
        case .set(let element): "Set<\(element?.description ?? "Never")>"
        case .record(let attributes, _):
            "{"
                + attributes.sorted { $0.key < $1.key }
                .map { "\($0.key.string)\($0.value.required ? "" : "?"): \($0.value.type)" }
                .joined(separator: ", ") + "}"
        case .entity(let name): name
        case .anyEntity: "entity"
        case .extension(let name): name
        }
    }

    /// Whether every value of `self` is a value of `other`.
    func isSubtype(of other: ValidatorType) -> Bool {
        switch (self, other) {
        case (.never, _): return true
        case (.bool(let a), .bool(let b)): return a == b || b == .any
        case (.long, .long), (.string, .string): return true
        case (.set(let a), .set(let b)):
            switch (a, b) {
            case (let a?, let b?): return a.isSubtype(of: b)
            case (_?, nil), (nil, nil): return true
            case (nil, _?): return false
            }
        case (.record(let a, let openA), .record(let b, let openB)):
            guard !openA || openB, a.count == b.count else { return false }
            return a.allSatisfy { key, attribute in
                guard let other = b[key] else { return false }
                return attribute.required == other.required && attribute.type.isSubtype(of: other.type)
            }
        case (.entity(let a), .entity(let b)): return a == b
        case (.entity, .anyEntity), (.anyEntity, .anyEntity): return true
        case (.extension(let a), .extension(let b)): return a == b
        default: return false
        }
    }

    /// The least type both `self` and `other` belong to, in strict mode; `nil` when they are
    /// not compatible.
    func leastUpperBound(_ other: ValidatorType) -> ValidatorType? {
        if isSubtype(of: other) { return other }
        if other.isSubtype(of: self) { return self }
        switch (self, other) {
        case (.bool, .bool):
            return .bool(.any)
        case (.set(nil), .set), (.set, .set(nil)):
            return .set(nil)
        case (.set(let a?), .set(let b?)):
            return a.leastUpperBound(b).map { .set($0) }
        case (.record(let a, let openA), .record(let b, let openB)):
            guard Set(a.keys) == Set(b.keys) else { return nil }
            var merged: [ScalarString: Attribute] = [:]
            for (key, attribute) in a {
                guard let counterpart = b[key], counterpart.required == attribute.required,
                    let type = attribute.type.leastUpperBound(counterpart.type)
                else { return nil }
                merged[key] = Attribute(type: type, required: attribute.required)
            }
            return .record(merged, isOpen: openA || openB)
        default:
            return nil
        }
    }
}
