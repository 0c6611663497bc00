/// Reads Cedar's JSON schema format:
///
/// ```json
/// {"Namespace": {
///    "commonTypes": {"Name": TYPE},
///    "entityTypes": {"User": {"memberOfTypes": ["Group"], "shape": {"type": "Record", "attributes": {…}}}},
///    "actions": {"read": {"memberOf": [{"id": "view"}],
///                         "appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"], "context": TYPE}}}}}
/// ```
///
/// A `TYPE` is `{"type": "Boolean" | "Long" | "String"}`, `{"type": "Set", "element": TYPE}`,
/// `{"type": "Record", "attributes": {"a": TYPE + "required"?}, "additionalAttributes"?}`,
/// `{"type": "Entity", "name": N}`, `{"type": "Extension", "name": N}`,
/// `{"type": "EntityOrCommon", "name": N}` or `{"type": N}` naming a common type. Names without
/// `::` are looked up in their namespace first, then in the empty namespace; common types come
/// before entity types.
struct SchemaReader {
    private let decoder: CedarJSONDecoder

    init(text: String, file: String?) {
        decoder = CedarJSONDecoder(text: text, file: file)
    }

    private struct RawNamespace {
        let name: String
        let commonTypes: [(String, JSON)]
        let entityTypes: [(String, JSON)]
        let actions: [(String, JSON)]
    }

    private var commonTypes: [String: (json: JSON, namespace: String)] = [:]
    /// Action groups named by `memberOf`, checked once every action is known.
    private var groupReferences: [(member: EntityUID, group: EntityUID, json: JSON)] = []
    private var declaredEntityTypes: Set<String> = []
    private var resolving: Set<String> = []

    mutating func read() throws(PolicyError) -> Schema {
        let root = try decoder.parse()
        let namespaces = try object(root, "a schema object whose keys are namespaces")
        var raw: [RawNamespace] = []
        for member in namespaces.members {
            if !member.key.isEmpty, let problem = EntityUID.problem(withTypeName: member.key) {
                throw failure("invalid namespace: \(problem)", at: member.value)
            }
            let body = try object(member.value, "a namespace object")
            try allowOnly(["commonTypes", "entityTypes", "actions", "annotations"], in: body, at: member.value)
            guard let entityTypes = body["entityTypes"] else {
                throw failure("namespace `\(member.key)` is missing `entityTypes`", at: member.value)
            }
            guard let actions = body["actions"] else {
                throw failure("namespace `\(member.key)` is missing `actions`", at: member.value)
            }
            raw.append(
                RawNamespace(
                    name: member.key,
                    commonTypes: try object(
                        body["commonTypes"]
                            ?? JSON(kind: .object(JSONObject(members: [])), offset: member.value.offset),
                        "an object of common types"
                    ).members.map { ($0.key, $0.value) },
                    entityTypes: try object(entityTypes, "an object of entity types").members.map {
                        ($0.key, $0.value)
                    },
                    actions: try object(actions, "an object of actions").members.map { ($0.key, $0.value) }))
        }
        for namespace in raw {
            for (name, json) in namespace.commonTypes {
                try checkIdentifier(name, at: json)
                commonTypes[qualified(name, in: namespace.name)] = (json, namespace.name)
            }
            for (name, json) in namespace.entityTypes {
                try checkIdentifier(name, at: json)
                guard declaredEntityTypes.insert(qualified(name, in: namespace.name)).inserted else {
                    throw failure("entity type `\(qualified(name, in: namespace.name))` is declared twice", at: json)
                }
            }
        }
        var entityTypes: [String: Schema.EntityTypeInfo] = [:]
        var actions: [EntityUID: Schema.ActionInfo] = [:]
        for namespace in raw {
            for (name, json) in namespace.entityTypes {
                let info = try entityType(qualified(name, in: namespace.name), json, namespace: namespace.name)
                entityTypes[info.name] = info
            }
            for (name, json) in namespace.actions {
                let info = try action(name, json, namespace: namespace.name)
                guard actions[info.uid] == nil else {
                    throw failure("action `\(info.uid)` is declared twice", at: json)
                }
                actions[info.uid] = info
            }
        }
        for reference in groupReferences where actions[reference.group] == nil {
            throw failure(
                "action `\(reference.member)` is a member of `\(reference.group)`, which is not declared",
                at: reference.json)
        }
        return Schema(entityTypes: entityTypes, actions: actions)
    }

    // MARK: Declarations

    private mutating func entityType(
        _ name: String, _ json: JSON, namespace: String
    ) throws(PolicyError) -> Schema.EntityTypeInfo {
        let body = try object(json, "an entity type object")
        try allowOnly(["memberOfTypes", "shape", "tags", "enum", "annotations"], in: body, at: json)
        var parents: Set<String> = []
        if let list = body["memberOfTypes"] {
            for element in try array(list, "a list of entity type names") {
                parents.insert(
                    try entityTypeName(try string(element, "an entity type name"), at: element, namespace: namespace))
            }
        }
        var shape = Schema.RecordType.empty
        if let shapeJSON = body["shape"] {
            guard case .record(let record) = try attributeType(shapeJSON, namespace: namespace) else {
                throw failure("the shape of entity type `\(name)` must be a record type", at: shapeJSON)
            }
            shape = record
        }
        var enumerated: Set<ScalarString>?
        if let list = body["enum"] {
            var ids: Set<ScalarString> = []
            for element in try array(list, "a list of entity ids") {
                ids.insert(ScalarString(try string(element, "an entity id")))
            }
            enumerated = ids
        }
        return Schema.EntityTypeInfo(name: name, memberOfTypes: parents, shape: shape, enumeratedIDs: enumerated)
    }

    private mutating func action(_ id: String, _ json: JSON, namespace: String) throws(PolicyError) -> Schema.ActionInfo
    {
        let body = try object(json, "an action object")
        try allowOnly(["memberOf", "appliesTo", "attributes", "annotations"], in: body, at: json)
        let actionType = qualified("Action", in: namespace)
        var memberOf: Set<EntityUID> = []
        if let list = body["memberOf"] {
            for element in try array(list, "a list of action references") {
                let reference = try object(element, "an action reference such as {\"id\": \"read\"}")
                try allowOnly(["id", "type"], in: reference, at: element)
                guard let groupID = reference["id"] else {
                    throw failure("an action reference needs an `id`", at: element)
                }
                var groupType = actionType
                if let typeJSON = reference["type"] {
                    let written = try string(typeJSON, "an action type")
                    groupType = written.contains("::") ? written : qualified(written, in: namespace)
                }
                let group = EntityUID(type: groupType, id: try string(groupID, "an action id"))
                memberOf.insert(group)
                groupReferences.append((EntityUID(type: actionType, id: id), group, element))
            }
        }
        var principals: [String] = []
        var resources: [String] = []
        var context = Schema.RecordType.empty
        let appliesTo = body["appliesTo"]
        if let appliesTo {
            let applies = try object(appliesTo, "an `appliesTo` object")
            try allowOnly(["principalTypes", "resourceTypes", "context"], in: applies, at: appliesTo)
            for element in try array(
                applies["principalTypes"] ?? JSON(kind: .array([]), offset: appliesTo.offset),
                "a list of entity type names")
            {
                principals.append(
                    try entityTypeName(try string(element, "an entity type name"), at: element, namespace: namespace))
            }
            for element in try array(
                applies["resourceTypes"] ?? JSON(kind: .array([]), offset: appliesTo.offset),
                "a list of entity type names")
            {
                resources.append(
                    try entityTypeName(try string(element, "an entity type name"), at: element, namespace: namespace))
            }
            if let contextJSON = applies["context"] {
                guard case .record(let record) = try attributeType(contextJSON, namespace: namespace) else {
                    throw failure("the context of action `\(id)` must be a record type", at: contextJSON)
                }
                context = record
            }
        }
        return Schema.ActionInfo(
            uid: EntityUID(type: actionType, id: id), memberOf: memberOf, appliesToAnything: appliesTo != nil,
            principalTypes: principals, resourceTypes: resources, context: context)
    }

    // MARK: Types

    private mutating func attributeType(_ json: JSON, namespace: String) throws(PolicyError) -> Schema.AttributeType {
        let body = try object(json, "a type object such as {\"type\": \"String\"}")
        guard let typeJSON = body["type"] else { throw failure("a type needs a `type` key", at: json) }
        let kind = try string(typeJSON, "a type name")
        switch kind {
        case "Boolean", "Long", "String":
            try allowOnly(["type", "required", "annotations"], in: body, at: json)
            return kind == "Boolean" ? .bool : kind == "Long" ? .long : .string
        case "Set":
            try allowOnly(["type", "element", "required", "annotations"], in: body, at: json)
            guard let element = body["element"] else { throw failure("a `Set` type needs an `element` type", at: json) }
            return .set(try attributeType(element, namespace: namespace))
        case "Record":
            try allowOnly(
                ["type", "attributes", "additionalAttributes", "required", "annotations"], in: body, at: json)
            var attributes: [ScalarString: (type: Schema.AttributeType, required: Bool)] = [:]
            if let attributesJSON = body["attributes"] {
                for member in try object(attributesJSON, "an object of attribute types").members {
                    var required = true
                    if let requiredJSON = try object(member.value, "a type object")["required"] {
                        guard case .bool(let flag) = requiredJSON.kind else {
                            throw failure("`required` must be true or false", at: requiredJSON)
                        }
                        required = flag
                    }
                    attributes[ScalarString(member.key)] = (
                        try attributeType(member.value, namespace: namespace), required
                    )
                }
            }
            var isOpen = false
            if let open = body["additionalAttributes"] {
                guard case .bool(let flag) = open.kind else {
                    throw failure("`additionalAttributes` must be true or false", at: open)
                }
                isOpen = flag
            }
            return .record(Schema.RecordType(attributes: attributes, isOpen: isOpen))
        case "Entity":
            try allowOnly(["type", "name", "required", "annotations"], in: body, at: json)
            guard let name = body["name"] else { throw failure("an `Entity` type needs a `name`", at: json) }
            return .entity(try entityTypeName(try string(name, "an entity type name"), at: name, namespace: namespace))
        case "Extension":
            try allowOnly(["type", "name", "required", "annotations"], in: body, at: json)
            guard let nameJSON = body["name"] else { throw failure("an `Extension` type needs a `name`", at: json) }
            let name = try string(nameJSON, "an extension type name")
            guard ["decimal", "ipaddr", "datetime", "duration"].contains(name) else {
                throw failure("unknown extension type `\(name)`", at: nameJSON)
            }
            return .extension(name)
        case "EntityOrCommon":
            try allowOnly(["type", "name", "required", "annotations"], in: body, at: json)
            guard let name = body["name"] else { throw failure("an `EntityOrCommon` type needs a `name`", at: json) }
            return try namedType(try string(name, "a type name"), at: name, namespace: namespace)
        default:
            try allowOnly(["type", "required", "annotations"], in: body, at: json)
            return try namedType(kind, at: typeJSON, namespace: namespace)
        }
    }

    /// A common type or an entity type, by name.
    private mutating func namedType(
        _ name: String, at json: JSON, namespace: String
    ) throws(PolicyError) -> Schema.AttributeType {
        let candidates = name.contains("::") ? [name] : [qualified(name, in: namespace), name]
        for candidate in candidates {
            if let common = commonTypes[candidate] {
                guard resolving.insert(candidate).inserted else {
                    throw failure("common type `\(candidate)` refers to itself", at: json)
                }
                defer { resolving.remove(candidate) }
                return try attributeType(common.json, namespace: common.namespace)
            }
            if declaredEntityTypes.contains(candidate) { return .entity(candidate) }
        }
        throw failure("undeclared type `\(name)`: declare it in `entityTypes` or `commonTypes`", at: json)
    }

    private func entityTypeName(_ name: String, at json: JSON, namespace: String) throws(PolicyError) -> String {
        let candidates = name.contains("::") ? [name] : [qualified(name, in: namespace), name]
        guard let found = candidates.first(where: declaredEntityTypes.contains) else {
            throw failure("undeclared entity type `\(name)`", at: json)
        }
        return found
    }

    // MARK: Helpers

    private func qualified(_ name: String, in namespace: String) -> String {
        namespace.isEmpty ? name : "\(namespace)::\(name)"
    }

    private func checkIdentifier(_ name: String, at json: JSON) throws(PolicyError) {
        if name.contains("::") || EntityUID.problem(withTypeName: name) != nil {
            throw failure("`\(name)` is not a valid name: use a single identifier", at: json)
        }
    }

    private func allowOnly(_ keys: Set<String>, in object: JSONObject, at json: JSON) throws(PolicyError) {
        if let unknown = object.members.first(where: { !keys.contains($0.key) }) {
            throw PolicyError([
                decoder.diagnostic(
                    "unknown key `\(unknown.key)`: expected one of \(keys.sorted().map { "`\($0)`" }.joined(separator: ", "))",
                    at: unknown.keyOffset)
            ])
        }
    }

    private func object(_ json: JSON, _ what: String) throws(PolicyError) -> JSONObject {
        guard let value = json.object else {
            throw failure("expected \(what), found \(json.kindDescription)", at: json)
        }
        return value
    }

    private func array(_ json: JSON, _ what: String) throws(PolicyError) -> [JSON] {
        guard let value = json.array else { throw failure("expected \(what), found \(json.kindDescription)", at: json) }
        return value
    }

    private func string(_ json: JSON, _ what: String) throws(PolicyError) -> String {
        guard let value = json.string else {
            throw failure("expected \(what), found \(json.kindDescription)", at: json)
        }
        return value
    }

    private func failure(_ message: String, at json: JSON) -> PolicyError {
        decoder.failure(message, at: json)
    }
}
