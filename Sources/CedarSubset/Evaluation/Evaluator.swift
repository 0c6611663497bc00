/// Evaluates policy expressions for one request, with Cedar's semantics: `&&`, `||` and
/// `if` evaluate only what they need, every other operator evaluates all its operands first,
/// operands of the wrong type are errors, Long arithmetic that overflows is an error, reading
/// a missing attribute or a missing entity is an error, and `has` on a missing entity is false.
struct Evaluator {
    let request: Request
    let entities: Entities
    private let principalEntity: Entities.Stored?
    private let resourceEntity: Entities.Stored?
    private let contextValue: Value

    init(request: Request, entities: Entities) {
        self.request = request
        self.entities = entities
        self.principalEntity = entities.stored(request.principal)
        self.resourceEntity = entities.stored(request.resource)
        self.contextValue = .record(request.context)
    }

    /// Whether the policy's scope matches the request (scopes never fail to evaluate).
    func scopeMatches(_ policy: CompiledPolicy) -> Bool {
        entityConstraint(policy.principal, request.principal, principalEntity)
            && actionConstraint(policy.action)
            && entityConstraint(policy.resource, request.resource, resourceEntity)
    }

    private func entityConstraint(_ constraint: EntityConstraint, _ uid: EntityUID, _ stored: Entities.Stored?) -> Bool
    {
        switch constraint {
        case .any: true
        case .equal(let target): uid == target
        case .in(let target): isEntity(uid, stored, in: target)
        case .isType(let type): uid.type == type
        case .isTypeIn(let type, let target): uid.type == type && isEntity(uid, stored, in: target)
        }
    }

    /// Cedar's `in` for an entity already looked up.
    private func isEntity(_ uid: EntityUID, _ stored: Entities.Stored?, in target: EntityUID) -> Bool {
        uid == target || (stored?.ancestors.contains(target) ?? false)
    }

    private func actionConstraint(_ constraint: ActionConstraint) -> Bool {
        switch constraint {
        case .any: true
        case .equal(let target): request.action == target
        case .in(let targets): targets.contains { entities.isEntity(request.action, in: $0) }
        }
    }

    /// Whether the condition holds; an error if it fails to evaluate or is not a Boolean.
    func holds(_ condition: Expr) throws(EvaluationError) -> Bool {
        try bool(evaluate(condition), condition)
    }

    private func bool(_ value: Value, _ expr: Expr) throws(EvaluationError) -> Bool {
        guard case .bool(let result) = value else { throw .type(expected: "bool", got: value, at: expr.span) }
        return result
    }

    private func long(_ value: Value, _ expr: Expr) throws(EvaluationError) -> Int64 {
        guard case .long(let result) = value else { throw .type(expected: "long", got: value, at: expr.span) }
        return result
    }

    private func set(_ value: Value, _ expr: Expr) throws(EvaluationError) -> Set<Value> {
        guard case .set(let result) = value else { throw .type(expected: "set", got: value, at: expr.span) }
        return result
    }

    func evaluate(_ expr: Expr) throws(EvaluationError) -> Value {
        switch expr.kind {
        case .literal(let value):
            return value
        case .variable(let variable):
            return self.variable(variable)
        case .ifThenElse(let condition, let thenExpr, let elseExpr):
            return try bool(evaluate(condition), condition) ? evaluate(thenExpr) : evaluate(elseExpr)
        case .and(let left, let right):
            guard try bool(evaluate(left), left) else { return .bool(false) }
            return .bool(try bool(evaluate(right), right))
        case .or(let left, let right):
            if try bool(evaluate(left), left) { return .bool(true) }
            return .bool(try bool(evaluate(right), right))
        case .not(let operand):
            return .bool(!(try bool(evaluate(operand), operand)))
        case .negate(let operand):
            let value = try long(evaluate(operand), operand)
            guard value != .min else {
                throw EvaluationError(.overflow, "integer overflow: cannot negate \(value)", at: expr.span)
            }
            return .long(-value)
        case .binary(let op, let left, let right):
            return try binary(op, evaluate(left), evaluate(right), expr, left, right)
        case .isEmpty(let operand):
            return .bool(try set(evaluate(operand), operand).isEmpty)
        case .getAttribute(let base, let name):
            return try attribute(name, of: base, expr)
        case .hasAttribute(let base, let name):
            return .bool(try has(name, base))
        case .like(let operand, let pattern):
            let value = try evaluate(operand)
            guard case .string(let text) = value else { throw .type(expected: "string", got: value, at: operand.span) }
            return .bool(pattern.matches(text))
        case .isType(let operand, let type):
            let value = try evaluate(operand)
            guard case .entity(let uid) = value else { throw .type(expected: "entity", got: value, at: operand.span) }
            return .bool(uid.type == type)
        case .set(let elements):
            var values = Set<Value>(minimumCapacity: elements.count)
            for element in elements { values.insert(try evaluate(element)) }
            return .set(values)
        case .record(let entries):
            var storage: [ScalarString: Value] = Dictionary(minimumCapacity: entries.count)
            for (key, valueExpr) in entries { storage[key] = try evaluate(valueExpr) }
            return .record(Record(storage: storage))
        }
    }

    private func variable(_ variable: Variable) -> Value {
        switch variable {
        case .principal: .entity(request.principal)
        case .action: .entity(request.action)
        case .resource: .entity(request.resource)
        case .context: contextValue
        }
    }

    private func binary(
        _ op: BinaryOp, _ left: Value, _ right: Value, _ expr: Expr, _ leftExpr: Expr, _ rightExpr: Expr
    ) throws(EvaluationError) -> Value {
        switch op {
        case .equal:
            return .bool(left == right)
        case .less, .lessEqual:
            switch (left, right) {
            case (.long(let a), .long(let b)):
                return .bool(op == .less ? a < b : a <= b)
            case (.extension(let a), .extension(let b)) where a.isOrdered && b.isOrdered:
                guard let result = a.compare(b, orEqual: op == .lessEqual) else {
                    throw .type(expected: a.typeName, got: right, at: rightExpr.span)
                }
                return .bool(result)
            case (.long, _):
                throw .type(expected: "long", got: right, at: rightExpr.span)
            case (.extension(let a), _) where a.isOrdered:
                throw .type(expected: a.typeName, got: right, at: rightExpr.span)
            default:
                throw .type(expected: "long", got: left, at: leftExpr.span)
            }
        case .add, .subtract, .multiply:
            let a = try long(left, leftExpr)
            let b = try long(right, rightExpr)
            let (result, overflow) =
                switch op {
                case .add: a.addingReportingOverflow(b)
                case .subtract: a.subtractingReportingOverflow(b)
                default: a.multipliedReportingOverflow(by: b)
                }
            guard !overflow else {
                throw EvaluationError(
                    .overflow, "integer overflow: `\(a) \(op.text) \(b)` does not fit a long", at: expr.span)
            }
            return .long(result)
        case .in:
            guard case .entity(let uid) = left else {
                throw .type(expected: "entity", got: left, at: leftExpr.span)
            }
            let stored = requestEntity(leftExpr) ?? entities.stored(uid)
            switch right {
            case .entity(let target):
                return .bool(isEntity(uid, stored, in: target))
            case .set(let targets):
                var found = false
                for target in targets {
                    guard case .entity(let targetUID) = target else {
                        throw .type(expected: "entity", got: target, at: rightExpr.span)
                    }
                    if !found, isEntity(uid, stored, in: targetUID) { found = true }
                }
                return .bool(found)
            default:
                throw .type(expected: "entity or set of entities", got: right, at: rightExpr.span)
            }
        case .contains:
            return .bool(try set(left, leftExpr).contains(right))
        case .containsAll:
            let container = try set(left, leftExpr)
            return .bool(try set(right, rightExpr).isSubset(of: container))
        case .containsAny:
            let container = try set(left, leftExpr)
            return .bool(!(try set(right, rightExpr).isDisjoint(with: container)))
        }
    }

    /// The request entity a base expression denotes when it is `principal` or `resource`,
    /// looked up once per request rather than once per attribute access: `nil` when the base
    /// is something else, `.some(nil)` when the request entity is not in the store.
    private func requestEntity(_ base: Expr) -> Entities.Stored?? {
        guard case .variable(let variable) = base.kind else { return nil }
        switch variable {
        case .principal: return .some(principalEntity)
        case .resource: return .some(resourceEntity)
        default: return nil
        }
    }

    private func attribute(_ name: ScalarString, of base: Expr, _ expr: Expr) throws(EvaluationError) -> Value {
        if let stored = requestEntity(base) {
            if let result = stored?.entity.attributes.storage[name] { return result }
            var uid = request.resource
            if case .variable(.principal) = base.kind { uid = request.principal }
            throw missingAttribute(name, of: uid, stored, base, expr)
        }
        let value = try evaluate(base)
        switch value {
        case .record(let record):
            guard let result = record.storage[name] else {
                throw EvaluationError(
                    .attributeDoesNotExist, "record does not have the attribute `\(escapedForCedar(name.string))`",
                    at: expr.span)
            }
            return result
        case .entity(let uid):
            let stored = entities.stored(uid)
            if let result = stored?.entity.attributes.storage[name] { return result }
            throw missingAttribute(name, of: uid, stored, base, expr)
        default:
            throw .type(expected: "entity or record", got: value, at: base.span)
        }
    }

    /// The error for reading `name` of an entity that is missing or lacks it.
    private func missingAttribute(
        _ name: ScalarString, of uid: EntityUID, _ stored: Entities.Stored?, _ base: Expr, _ expr: Expr
    ) -> EvaluationError {
        guard stored != nil else {
            return EvaluationError(.entityDoesNotExist, "entity `\(uid)` does not exist", at: base.span)
        }
        return EvaluationError(
            .attributeDoesNotExist, "`\(uid)` does not have the attribute `\(escapedForCedar(name.string))`",
            at: expr.span)
    }

    private func has(_ name: ScalarString, _ base: Expr) throws(EvaluationError) -> Bool {
        if let stored = requestEntity(base) {
            return stored?.entity.attributes.storage[name] != nil
        }
        let value = try evaluate(base)
        switch value {
        case .record(let record):
            return record.storage[name] != nil
        case .entity(let uid):
            return entities.stored(uid)?.entity.attributes.storage[name] != nil
        default:
            throw .type(expected: "entity or record", got: value, at: base.span)
        }
    }
}
