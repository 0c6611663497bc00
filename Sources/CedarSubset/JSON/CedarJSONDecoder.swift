/// Reads Cedar's JSON formats (entity lists, entity references, attribute values and
/// requests) from parsed ``JSON``, reporting problems at their line and column.
struct CedarJSONDecoder {
    let file: String?
    let text: String

    init(text: String, file: String?) {
        self.text = text
        self.file = file
    }

    /// Parses the text as JSON.
    func parse() throws(PolicyError) -> JSON {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw PolicyError([diagnostic(error.message, at: error.offset)])
        }
    }

    func diagnostic(_ message: String, at offset: Int) -> PolicyDiagnostic {
        PolicyDiagnostic(message, at: LineTable(text).location(ofOffset: offset), file: file)
    }

    func failure(_ message: String, at json: JSON) -> PolicyError {
        PolicyError([diagnostic(message, at: json.offset)])
    }

    // MARK: Entities

    /// An entity list: `[{"uid": …, "attrs": {…}, "parents": […]}, …]`.
    func entities(_ json: JSON) throws(PolicyError) -> [Entity] {
        guard let array = json.array else {
            throw failure("expected a JSON array of entities, found \(json.kindDescription)", at: json)
        }
        var result: [Entity] = []
        result.reserveCapacity(array.count)
        for element in array { result.append(try entity(element)) }
        return result
    }

    private func entity(_ json: JSON) throws(PolicyError) -> Entity {
        guard let object = json.object else {
            throw failure(
                "expected an entity object with `uid`, `attrs` and `parents`, found \(json.kindDescription)", at: json)
        }
        guard let uidJSON = object["uid"] else { throw failure("entity is missing `uid`", at: json) }
        let uid = try entityReference(uidJSON)
        guard let attrsJSON = object["attrs"] else { throw failure("entity `\(uid)` is missing `attrs`", at: json) }
        guard let attrs = attrsJSON.object else {
            throw failure(
                "`attrs` of entity `\(uid)` must be an object, found \(attrsJSON.kindDescription)", at: attrsJSON)
        }
        guard let parentsJSON = object["parents"] else {
            throw failure("entity `\(uid)` is missing `parents`", at: json)
        }
        guard let parentList = parentsJSON.array else {
            throw failure(
                "`parents` of entity `\(uid)` must be an array, found \(parentsJSON.kindDescription)", at: parentsJSON)
        }
        if let tags = object["tags"] {
            // Tags are read and checked as Cedar reads them, then dropped: no policy of the
            // subset can read them (`.getTag` and `.hasTag` are refused).
            guard let tagMembers = tags.object?.members else {
                throw failure("`tags` of entity `\(uid)` must be an object, found \(tags.kindDescription)", at: tags)
            }
            for member in tagMembers { _ = try value(member.value) }
        }
        var storage: [ScalarString: Value] = Dictionary(minimumCapacity: attrs.members.count)
        for member in attrs.members {
            storage[ScalarString(member.key)] = try value(member.value)
        }
        var parents: Set<EntityUID> = []
        for parentJSON in parentList {
            let parent = try entityReference(parentJSON)
            if uid.isAction, !parent.isAction {
                throw failure("action `\(uid)` has the parent `\(parent)`, which is not an action", at: parentJSON)
            }
            parents.insert(parent)
        }
        return Entity(uid: uid, attributes: Record(storage: storage), parents: parents)
    }

    /// An entity reference: `{"type": T, "id": I}`, `{"__entity": {"type": T, "id": I}}` or,
    /// where `allowString` is set, `"T::\"I\""`.
    func entityReference(_ json: JSON, allowString: Bool = false) throws(PolicyError) -> EntityUID {
        if allowString, let text = json.string {
            do {
                return try EntityUID(parsing: text)
            } catch {
                throw failure(
                    "`\(escapedForCedar(text))` is not an entity reference such as `User::\"alice\"`: \(error.message)",
                    at: json)
            }
        }
        guard let object = json.object else {
            throw failure(
                "expected an entity reference such as {\"type\": \"User\", \"id\": \"alice\"}, found \(json.kindDescription)",
                at: json)
        }
        if object["__expr"]?.string != nil {
            throw failure("the `__expr` escape is no longer supported by Cedar: use `__entity`", at: json)
        }
        if let inner = object["__entity"]?.object, let reference = try typeAndID(inner, at: json) {
            return reference
        }
        if let reference = try typeAndID(object, at: json) {
            return reference
        }
        throw failure("expected an entity reference such as {\"type\": \"User\", \"id\": \"alice\"}", at: json)
    }

    private func typeAndID(_ object: JSONObject, at json: JSON) throws(PolicyError) -> EntityUID? {
        guard let type = object["type"]?.string, let id = object["id"]?.string else { return nil }
        if let problem = EntityUID.problem(withTypeName: type) {
            throw failure(problem, at: json)
        }
        return EntityUID(type: type, id: id)
    }

    // MARK: Values

    /// An attribute or context value in Cedar's JSON value format.
    func value(_ json: JSON) throws(PolicyError) -> Value {
        switch json.kind {
        case .null:
            throw failure("`null` is not a Cedar value: leave the attribute out instead", at: json)
        case .bool(let value):
            return .bool(value)
        case .integer(let value):
            return .long(value)
        case .otherNumber(let text):
            throw failure(
                "`\(text)` is not a Cedar value: numbers must be integers between -9223372036854775808 and 9223372036854775807",
                at: json)
        case .string(let value):
            return .string(value)
        case .array(let elements):
            var values = Set<Value>(minimumCapacity: elements.count)
            for element in elements { values.insert(try value(element)) }
            return .set(values)
        case .object(let object):
            if object.members.count == 1 {
                let member = object.members[0]
                switch member.key {
                case "__entity":
                    if let inner = member.value.object, inner.members.count >= 2,
                        let reference = try typeAndID(inner, at: json)
                    {
                        return .entity(reference)
                    }
                case "__extn":
                    if let inner = member.value.object, inner.members.count >= 2, let name = inner["fn"]?.string {
                        if let argument = inner["arg"] {
                            return try extensionValue(name, [value(argument)], at: json)
                        }
                        if let arguments = inner["args"]?.array {
                            var values: [Value] = []
                            for argument in arguments { values.append(try value(argument)) }
                            return try extensionValue(name, values, at: json)
                        }
                    }
                case "__expr":
                    if member.value.string != nil {
                        throw failure("the `__expr` escape is no longer supported by Cedar: use `__entity`", at: json)
                    }
                default:
                    break
                }
            }
            var storage: [ScalarString: Value] = Dictionary(minimumCapacity: object.members.count)
            for member in object.members {
                storage[ScalarString(member.key)] = try value(member.value)
            }
            return .record(Record(storage: storage))
        }
    }

    private func extensionValue(_ name: String, _ arguments: [Value], at json: JSON) throws(PolicyError) -> Value {
        switch ExtensionValue.call(name, arguments) {
        case .success(let value): return .extension(value)
        case .failure(let error): throw failure(error.message, at: json)
        }
    }

    // MARK: Requests

    /// A request: `{"principal": …, "action": …, "resource": …, "context": {…}}`, where each
    /// entity is a `"Type::\"id\""` string or a `{"type", "id"}` object.
    func request(_ json: JSON) throws(PolicyError) -> Request {
        guard let object = json.object else {
            throw failure(
                "expected a request object with `principal`, `action`, `resource` and `context`, found \(json.kindDescription)",
                at: json)
        }
        func required(_ key: String) throws(PolicyError) -> EntityUID {
            guard let member = object[key] else { throw failure("request is missing `\(key)`", at: json) }
            return try entityReference(member, allowString: true)
        }
        let principal = try required("principal")
        let action = try required("action")
        let resource = try required("resource")
        var context = Record()
        if let contextJSON = object["context"], case .object = contextJSON.kind {
            guard case .record(let record) = try value(contextJSON) else {
                throw failure("`context` must be a record, not an entity reference", at: contextJSON)
            }
            context = record
        } else if let contextJSON = object["context"], case .null = contextJSON.kind {
            context = Record()
        } else if let contextJSON = object["context"] {
            throw failure("`context` must be an object, found \(contextJSON.kindDescription)", at: contextJSON)
        }
        return Request(principal: principal, action: action, resource: resource, context: context)
    }
}

extension EntityUID {
    /// Parses an entity reference written as in policies: `Type::"id"` or `NS::Type::"id"`.
    /// - Throws: ``PolicyDiagnostic`` when `text` is anything else.
    public init(parsing text: String) throws(PolicyDiagnostic) {
        let tokens = Lexer.tokenize(text)
        if let invalid = tokens.first(where: { $0.lexicalProblem != nil }), let problem = invalid.lexicalProblem {
            throw PolicyDiagnostic(problem, at: invalid.span.start)
        }
        var parts: [Substring] = []
        var index = 0
        while index + 1 < tokens.count, tokens[index].kind == .identifier, tokens[index + 1].kind == .doubleColon {
            parts.append(tokens[index].text)
            index += 2
        }
        guard !parts.isEmpty, index < tokens.count, tokens[index].kind == .string, tokens[index + 1].kind == .end else {
            throw PolicyDiagnostic("expected `Type::\"id\"`", at: tokens[min(index, tokens.count - 1)].span.start)
        }
        let type = parts.joined(separator: "::")
        if let problem = EntityUID.problem(withTypeName: type) {
            throw PolicyDiagnostic(problem, at: tokens[0].span.start)
        }
        do {
            self.init(type: type, id: try Unescape.string(tokens[index].text))
        } catch {
            throw PolicyDiagnostic(error.message, at: tokens[index].span.start)
        }
    }
}
