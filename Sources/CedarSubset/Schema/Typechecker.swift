/// Typechecks one policy condition in one request environment (a principal type, an action, a
/// resource type and the action's context), the way Cedar's strict validator does: Booleans
/// known to be `true` or `false` cut `&&`, `||` and `if` short, so unreachable parts are not
/// checked; an optional attribute may be read only where a `has` test guarantees it; operands
/// of `==`, `.contains`, `.containsAll`, `.containsAny`, set elements and `if` branches must
/// have compatible types.
struct Typechecker {
    /// A request environment.
    struct Environment {
        let principal: String
        let action: EntityUID
        let resource: String
        let context: ValidatorType
    }

    /// What the typechecker knows about an expression.
    struct Answer {
        var type: ValidatorType?
        var ok: Bool
        var capabilities: Set<Capability> = []

        static func success(_ type: ValidatorType, _ capabilities: Set<Capability> = []) -> Answer {
            Answer(type: type, ok: true, capabilities: capabilities)
        }

        static func failure(_ type: ValidatorType? = nil) -> Answer {
            Answer(type: type, ok: false)
        }
    }

    /// "`expression` has `attribute`", established by a `has` test.
    struct Capability: Hashable {
        let base: String
        let attribute: ScalarString
    }

    let schema: Schema
    let environment: Environment
    private(set) var errors: [(span: SourceSpan, message: String)] = []

    init(schema: Schema, environment: Environment) {
        self.schema = schema
        self.environment = environment
    }

    mutating func recordError(_ message: String, _ span: SourceSpan) {
        errors.append((span, message))
    }

    // MARK: Expectations

    enum Expected {
        case bool, long, string, anySet, anyEntity, entityOrRecord, entityOrEntitySet

        func accepts(_ type: ValidatorType) -> Bool {
            switch (self, type) {
            case (_, .never): true
            case (.bool, .bool), (.long, .long), (.string, .string), (.anySet, .set): true
            case (.anyEntity, .entity), (.anyEntity, .anyEntity): true
            case (.entityOrRecord, .entity), (.entityOrRecord, .anyEntity), (.entityOrRecord, .record): true
            case (.entityOrEntitySet, .entity), (.entityOrEntitySet, .anyEntity): true
            case (.entityOrEntitySet, .set(let element?)): Expected.anyEntity.accepts(element)
            default: false
            }
        }

        var description: String {
            switch self {
            case .bool: "Bool"
            case .long: "Long"
            case .string: "String"
            case .anySet: "a set"
            case .anyEntity: "an entity"
            case .entityOrRecord: "an entity or a record"
            case .entityOrEntitySet: "an entity or a set of entities"
            }
        }
    }

    mutating func expect(_ expected: Expected, _ expr: Expr, _ prior: Set<Capability>) -> Answer {
        var answer = typecheck(expr, prior)
        guard let type = answer.type else {
            answer.ok = false
            return answer
        }
        guard expected.accepts(type) else {
            recordError("unexpected type: expected \(expected.description) but saw \(type)", expr.span)
            return .failure()
        }
        return answer
    }

    // MARK: Expressions

    mutating func typecheck(_ expr: Expr, _ prior: Set<Capability>) -> Answer {
        switch expr.kind {
        case .literal(let value):
            return literal(value)
        case .variable(let variable):
            switch variable {
            case .principal: return .success(.entity(environment.principal))
            case .action: return .success(.entity(environment.action.type))
            case .resource: return .success(.entity(environment.resource))
            case .context: return .success(environment.context)
            }
        case .ifThenElse(let condition, let thenExpr, let elseExpr):
            return ifThenElse(condition, thenExpr, elseExpr, expr, prior)
        case .and(let left, let right):
            return and(left, right, prior)
        case .or(let left, let right):
            return or(left, right, prior)
        case .not(let operand):
            let answer = expect(.bool, operand, prior)
            guard case .bool(let kind)? = answer.type else { return .failure(.anyBool) }
            let negated: ValidatorType.BoolKind =
                kind == .alwaysTrue ? .alwaysFalse : kind == .alwaysFalse ? .alwaysTrue : .any
            return Answer(type: .bool(negated), ok: answer.ok)
        case .negate(let operand):
            let answer = expect(.long, operand, prior)
            return Answer(type: .long, ok: answer.ok)
        case .binary(let op, let left, let right):
            return binary(op, left, right, expr, prior)
        case .isEmpty(let operand):
            let answer = expect(.anySet, operand, prior)
            return Answer(type: .anyBool, ok: answer.ok)
        case .getAttribute(let base, let name):
            return getAttribute(base, name, expr, prior)
        case .hasAttribute(let base, let name):
            return hasAttribute(base, name, prior)
        case .like(let operand, _):
            let answer = expect(.string, operand, prior)
            return Answer(type: .anyBool, ok: answer.ok)
        case .isType(let operand, let type):
            let answer = expect(.anyEntity, operand, prior)
            switch answer.type {
            case .entity(let actual)?:
                return Answer(type: .bool(actual == type ? .alwaysTrue : .alwaysFalse), ok: answer.ok)
            case .anyEntity?: return Answer(type: .anyBool, ok: answer.ok)
            default: return .failure(.anyBool)
            }
        case .set(let elements):
            return setLiteral(elements, expr, prior)
        case .record(let entries):
            var attributes: [ScalarString: ValidatorType.Attribute] = [:]
            var ok = true
            for (key, value) in entries {
                let answer = typecheck(value, prior)
                ok = ok && answer.ok
                if let type = answer.type { attributes[key] = .init(type: type, required: true) } else { ok = false }
            }
            return Answer(type: ok ? .record(attributes, isOpen: false) : nil, ok: ok)
        }
    }

    private func literal(_ value: Value) -> Answer {
        switch value {
        case .bool(let flag): return .success(.bool(flag ? .alwaysTrue : .alwaysFalse))
        case .long: return .success(.long)
        case .string: return .success(.string)
        case .entity(let uid):
            if uid.isAction {
                return schema.actions[uid] != nil ? .success(.entity(uid.type)) : .failure()
            }
            return schema.entityTypes[uid.type] != nil ? .success(.entity(uid.type)) : .failure()
        case .set, .record, .extension:
            return .failure()
        }
    }

    private mutating func ifThenElse(
        _ condition: Expr, _ thenExpr: Expr, _ elseExpr: Expr, _ expr: Expr, _ prior: Set<Capability>
    ) -> Answer {
        let test = expect(.bool, condition, prior)
        switch test.type {
        case .bool(.alwaysTrue)?:
            var answer = typecheck(thenExpr, prior.union(test.capabilities))
            answer.capabilities.formUnion(test.capabilities)
            answer.ok = answer.ok && test.ok
            return answer
        case .bool(.alwaysFalse)?:
            var answer = typecheck(elseExpr, prior)
            answer.ok = answer.ok && test.ok
            return answer
        default:
            let thenAnswer = typecheck(thenExpr, prior.union(test.capabilities))
            let elseAnswer = typecheck(elseExpr, prior)
            guard let thenType = thenAnswer.type, let elseType = elseAnswer.type else { return .failure() }
            guard let joined = thenType.leastUpperBound(elseType) else {
                recordError(
                    "the types \(thenType) and \(elseType) are not compatible: both branches of a conditional must have compatible types",
                    expr.span)
                return .failure()
            }
            let capabilities = thenAnswer.capabilities.union(test.capabilities).intersection(elseAnswer.capabilities)
            return Answer(type: joined, ok: test.ok && thenAnswer.ok && elseAnswer.ok, capabilities: capabilities)
        }
    }

    private mutating func and(_ left: Expr, _ right: Expr, _ prior: Set<Capability>) -> Answer {
        let leftAnswer = expect(.bool, left, prior)
        if case .bool(.alwaysFalse)? = leftAnswer.type { return Answer(type: .bool(.alwaysFalse), ok: leftAnswer.ok) }
        let rightAnswer = expect(.bool, right, prior.union(leftAnswer.capabilities))
        let ok = leftAnswer.ok && rightAnswer.ok
        switch (leftAnswer.type, rightAnswer.type) {
        case (_?, .bool(.alwaysFalse)?):
            return Answer(type: .bool(.alwaysFalse), ok: ok)
        case (let leftType?, .bool(.alwaysTrue)?):
            return Answer(type: leftType, ok: ok, capabilities: leftAnswer.capabilities.union(rightAnswer.capabilities))
        case (.bool(.alwaysTrue)?, let rightType?):
            return Answer(type: rightType, ok: ok, capabilities: rightAnswer.capabilities)
        case (_?, _?):
            return Answer(type: .anyBool, ok: ok, capabilities: leftAnswer.capabilities.union(rightAnswer.capabilities))
        default:
            return .failure(.anyBool)
        }
    }

    private mutating func or(_ left: Expr, _ right: Expr, _ prior: Set<Capability>) -> Answer {
        let leftAnswer = expect(.bool, left, prior)
        if case .bool(.alwaysTrue)? = leftAnswer.type {
            return Answer(type: .bool(.alwaysTrue), ok: leftAnswer.ok, capabilities: leftAnswer.capabilities)
        }
        let rightAnswer = expect(.bool, right, prior)
        let ok = leftAnswer.ok && rightAnswer.ok
        switch (leftAnswer.type, rightAnswer.type) {
        case (_?, .bool(.alwaysTrue)?):
            return Answer(type: .bool(.alwaysTrue), ok: ok, capabilities: rightAnswer.capabilities)
        case (let leftType?, .bool(.alwaysFalse)?):
            return Answer(type: leftType, ok: ok, capabilities: leftAnswer.capabilities)
        case (.bool(.alwaysFalse)?, let rightType?):
            return Answer(type: rightType, ok: ok, capabilities: rightAnswer.capabilities)
        case (_?, _?):
            return Answer(
                type: .anyBool, ok: ok, capabilities: leftAnswer.capabilities.intersection(rightAnswer.capabilities))
        default:
            return .failure(.anyBool)
        }
    }

    private mutating func setLiteral(_ elements: [Expr], _ expr: Expr, _ prior: Set<Capability>) -> Answer {
        var answers: [Answer] = []
        for element in elements { answers.append(typecheck(element, prior)) }
        guard answers.allSatisfy({ $0.type != nil }) else { return .failure() }
        var joined = ValidatorType.never
        for answer in answers {
            guard let next = joined.leastUpperBound(answer.type!) else {
                recordError(
                    "the types \(joined) and \(answer.type!) are not compatible: elements of a set must have compatible types",
                    expr.span)
                return .failure()
            }
            joined = next
        }
        if elements.isEmpty {
            recordError("empty set literals are forbidden in policies", expr.span)
            return .failure(.set(nil))
        }
        return Answer(type: .set(joined), ok: answers.allSatisfy(\.ok))
    }

    // MARK: Attributes

    /// The attributes a type has, and whether it may have others.
    private func attributes(
        of type: ValidatorType
    ) -> (attributes: [ScalarString: ValidatorType.Attribute], isOpen: Bool) {
        switch type {
        case .record(let attributes, let isOpen):
            return (attributes, isOpen)
        case .entity(let name):
            guard let info = schema.entityTypes[name] else { return ([:], false) }
            guard case .record(let attributes, let isOpen) = ValidatorType(info.shape) else { return ([:], false) }
            return (attributes, isOpen)
        default:
            return ([:], true)
        }
    }

    private mutating func getAttribute(
        _ base: Expr, _ name: ScalarString, _ expr: Expr, _ prior: Set<Capability>
    ) -> Answer {
        let baseAnswer = expect(.entityOrRecord, base, prior)
        guard let baseType = baseAnswer.type else { return .failure() }
        guard let attribute = attributes(of: baseType).attributes[name] else {
            var place = "on \(describe(baseType))"
            if case .variable(.context) = base.kind { place = "in the context of `\(environment.action)`" }
            recordError("attribute `\(escapedForCedar(name.string))` not found \(place)", expr.span)
            return .failure()
        }
        if !attribute.required && !prior.contains(Capability(base: base.structuralKey, attribute: name)) {
            recordError(
                "unable to guarantee safety of access to optional attribute `\(escapedForCedar(name.string))` on \(describe(baseType)): test it with `has` first",
                expr.span)
            return .failure(attribute.type)
        }
        return Answer(type: attribute.type, ok: baseAnswer.ok)
    }

    private mutating func hasAttribute(_ base: Expr, _ name: ScalarString, _ prior: Set<Capability>) -> Answer {
        let baseAnswer = expect(.entityOrRecord, base, prior)
        guard let baseType = baseAnswer.type else { return .failure(.anyBool) }
        let capability = Capability(base: base.structuralKey, attribute: name)
        let (known, isOpen) = attributes(of: baseType)
        guard let attribute = known[name] else {
            let mayHave = isOpen || baseType == .anyEntity
            return Answer(type: .bool(mayHave ? .any : .alwaysFalse), ok: baseAnswer.ok)
        }
        let isRecord: Bool
        if case .record = baseType { isRecord = true } else { isRecord = false }
        let certain = prior.contains(capability) || (attribute.required && isRecord)
        return Answer(type: .bool(certain ? .alwaysTrue : .any), ok: baseAnswer.ok, capabilities: [capability])
    }

    private func describe(_ type: ValidatorType) -> String {
        switch type {
        case .entity(let name): "entity type `\(name)`"
        case .record: "the record \(type)"
        default: "\(type)"
        }
    }
}
