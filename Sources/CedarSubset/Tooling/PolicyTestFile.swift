import Foundation

extension PolicyTestSuite {
    /// A test file, read with the engine's own JSON reader: its entities and its cases, each
    /// case's request built with the file's default context.
    struct TestFile {
        let entities: Entities
        let cases: [Case]

        /// Reads the test file at `path`, whose entity file is in `folder`.
        /// - Throws: ``PolicyError`` naming the first problem, at its line and column.
        init(path: String, folder: URL, conventions: Conventions) throws(PolicyError) {
            let decoder = CedarJSONDecoder(text: try PolicyFiles.text(of: path), file: path)
            let document = try decoder.parse()
            guard let object = document.object else {
                throw decoder.failure(
                    "expected a test file object with `entities` and `cases`, found \(document.kindDescription)"
                        + conventions.seeGuide, at: document)
            }
            guard let entitiesName = object["entities"]?.string else {
                throw decoder.failure(
                    "`entities` must name an entity file beside the test file" + conventions.seeGuide, at: document)
            }
            entities = try PolicyFiles.entities(at: folder.appendingPathComponent(entitiesName).relativePath)
            var context: [ScalarString: Value] = [:]
            if let contextJSON = object["context"] {
                context = try Self.members(of: contextJSON, named: "context", decoder)
            }
            guard let caseList = object["cases"]?.array, !caseList.isEmpty else {
                throw decoder.failure(
                    "`cases` must be a non-empty list of cases" + conventions.seeGuide, at: object["cases"] ?? document)
            }
            var cases: [Case] = []
            for (index, caseJSON) in caseList.enumerated() {
                cases.append(
                    try Case(caseJSON, number: index + 1, defaultContext: context, conventions: conventions, decoder))
            }
            self.cases = cases
        }

        /// The members of the JSON object `json`, as Cedar values.
        static func members(
            of json: JSON, named name: String, _ decoder: CedarJSONDecoder
        ) throws(PolicyError) -> [ScalarString: Value] {
            guard let object = json.object else {
                throw decoder.failure("`\(name)` must be an object, found \(json.kindDescription)", at: json)
            }
            var values: [ScalarString: Value] = Dictionary(minimumCapacity: object.members.count)
            for member in object.members {
                values[ScalarString(member.key)] = try decoder.value(member.value)
            }
            return values
        }
    }

    /// One case: a request and what the policies should decide.
    struct Case {
        let name: String
        let request: Request
        let expected: Outcome
        let checksPolicies: Bool

        /// Reads case number `number` of a test file.
        /// - Throws: ``PolicyError`` naming the first problem, at its line and column.
        init(
            _ json: JSON, number: Int, defaultContext: [ScalarString: Value], conventions: Conventions,
            _ decoder: CedarJSONDecoder
        ) throws(PolicyError) {
            guard let object = json.object, let name = object["name"]?.string, let principal = object["principal"],
                let action = object["action"], let resource = object["resource"],
                let decision = object["decision"]?.string, decision == "Allow" || decision == "Deny"
            else {
                throw decoder.failure(
                    "case \(number) needs `name`, `principal`, `action`, `resource` and `decision` (Allow or Deny)"
                        + conventions.seeGuide, at: json)
            }
            self.name = name
            var context = defaultContext
            if let contextJSON = object["context"] {
                context.merge(try TestFile.members(of: contextJSON, named: "context", decoder)) { $1 }
            }
            request = Request(
                principal: try Self.entity(principal, bareIDType: conventions.principalType, decoder),
                action: try Self.entity(action, bareIDType: conventions.actionType, decoder),
                resource: try Self.entity(resource, bareIDType: nil, decoder),
                context: Record(storage: context))
            let policies: [String]?
            if let determining = object["determining"] {
                guard let list = determining.array?.compactMap(\.string), list.count == determining.array?.count
                else {
                    throw decoder.failure("`determining` must be a list of policy ids", at: determining)
                }
                policies = list
            } else {
                policies = nil
            }
            checksPolicies = policies != nil
            expected = Outcome(allowed: decision == "Allow", policies: policies ?? [])
        }

        /// The entity `json` names: an entity reference as in a request, or, where `bareIDType`
        /// is given, a bare id of that type.
        private static func entity(
            _ json: JSON, bareIDType: String?, _ decoder: CedarJSONDecoder
        ) throws(PolicyError) -> EntityUID {
            if let type = bareIDType, let id = json.string, !id.contains("::") {
                return EntityUID(type: type, id: id)
            }
            return try decoder.entityReference(json, allowString: true)
        }
    }
}
