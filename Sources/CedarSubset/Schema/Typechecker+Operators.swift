extension Typechecker {
    mutating func binary(_ op: BinaryOp, _ left: Expr, _ right: Expr, _ expr: Expr, _ prior: Set<Capability>) -> Answer
    {
        switch op {
        case .equal:
            let leftAnswer = typecheck(left, prior)
            let rightAnswer = typecheck(right, prior)
            let ok = leftAnswer.ok && rightAnswer.ok
            let type = equalityType(left, leftAnswer.type, right, rightAnswer.type)
            if type != .anyBool { return Answer(type: type, ok: ok) }
            guard let leftType = leftAnswer.type, let rightType = rightAnswer.type else { return .failure(.anyBool) }
            guard leftType.leastUpperBound(rightType) != nil else {
                incompatible(leftType, rightType, "both operands to a `==` expression", expr)
                return .failure(.anyBool)
            }
            return Answer(type: type, ok: ok)
        case .less, .lessEqual:
            return comparison(left, right, prior)
        case .add, .subtract, .multiply:
            let leftAnswer = expect(.long, left, prior)
            let rightAnswer = expect(.long, right, prior)
            return Answer(type: .long, ok: leftAnswer.ok && rightAnswer.ok)
        case .in:
            return membership(left, right, prior)
        case .contains:
            let setAnswer = expect(.anySet, left, prior)
            let elementAnswer = typecheck(right, prior)
            guard setAnswer.type != nil, let elementType = elementAnswer.type else { return .failure(.anyBool) }
            if case .set(let memberType?)? = setAnswer.type, memberType.leastUpperBound(elementType) == nil {
                incompatible(
                    memberType, elementType,
                    "the elements of the first operand and the second operand to a `contains` expression", expr)
                return .failure(.anyBool)
            }
            return Answer(type: .anyBool, ok: setAnswer.ok && elementAnswer.ok)
        case .containsAll, .containsAny:
            let leftAnswer = expect(.anySet, left, prior)
            let rightAnswer = expect(.anySet, right, prior)
            guard let leftType = leftAnswer.type, let rightType = rightAnswer.type else { return .failure(.anyBool) }
            guard leftType.leastUpperBound(rightType) != nil else {
                incompatible(
                    leftType, rightType, "the elements of both set operands to a `\(op.text.dropFirst())` expression",
                    expr)
                return .failure(.anyBool)
            }
            return Answer(type: .anyBool, ok: leftAnswer.ok && rightAnswer.ok)
        }
    }

    private mutating func incompatible(_ left: ValidatorType, _ right: ValidatorType, _ context: String, _ expr: Expr) {
        recordError(
            "the types \(left) and \(right) are not compatible: \(context) must have compatible types", expr.span)
    }

    /// `True` or `False` when `==` is decided by types or literals alone, else `Bool`.
    private func equalityType(
        _ left: Expr, _ leftType: ValidatorType?, _ right: Expr, _ rightType: ValidatorType?
    ) -> ValidatorType {
        if case .entity(let a)? = leftType, case .entity(let b)? = rightType, a != b {
            return .bool(.alwaysFalse)
        }
        if let leftValue = literalValue(left), let rightValue = literalValue(right) {
            return .bool(leftValue == rightValue ? .alwaysTrue : .alwaysFalse)
        }
        return .anyBool
    }

    /// The value of a literal, the request's action standing for its literal.
    private func literalValue(_ expr: Expr) -> Value? {
        switch expr.kind {
        case .literal(let value): value
        case .variable(.action): .entity(environment.action)
        default: nil
        }
    }

    private mutating func comparison(_ left: Expr, _ right: Expr, _ prior: Set<Capability>) -> Answer {
        let leftAnswer = typecheck(left, prior)
        let rightAnswer = typecheck(right, prior)
        guard let leftType = leftAnswer.type, let rightType = rightAnswer.type else { return .failure(.anyBool) }
        func comparable(_ type: ValidatorType) -> Bool {
            switch type {
            case .long, .extension("datetime"), .extension("duration"): true
            default: false
            }
        }
        let expected = "Long, datetime or duration"
        switch (leftType, rightType) {
        case (.never, .never):
            return .failure(.anyBool)
        case (.never, let other), (let other, .never):
            guard comparable(other) else {
                recordError(
                    "unexpected type: expected \(expected) but saw \(other)", (leftType == .never ? right : left).span)
                return .failure(.anyBool)
            }
        case _ where leftType == rightType && comparable(leftType):
            break
        case _ where comparable(leftType):
            recordError("unexpected type: expected \(leftType) but saw \(rightType)", right.span)
            return .failure(.anyBool)
        case _ where comparable(rightType):
            recordError("unexpected type: expected \(rightType) but saw \(leftType)", left.span)
            return .failure(.anyBool)
        default:
            recordError("unexpected type: expected \(expected) but saw \(leftType)", left.span)
            recordError("unexpected type: expected \(expected) but saw \(rightType)", right.span)
            return .failure(.anyBool)
        }
        return Answer(type: .anyBool, ok: leftAnswer.ok && rightAnswer.ok)
    }

    private mutating func membership(_ left: Expr, _ right: Expr, _ prior: Set<Capability>) -> Answer {
        let leftAnswer = expect(.anyEntity, left, prior)
        let rightAnswer = expect(.entityOrEntitySet, right, prior)
        guard let leftType = leftAnswer.type, let rightType = rightAnswer.type, leftAnswer.ok, rightAnswer.ok else {
            return .failure(.anyBool)
        }
        if case .entity(let lhs)? = literalValue(left), lhs.isAction, let targets = entityLiterals(right) {
            let actions = targets.filter(\.isAction)
            if !actions.isEmpty {
                guard actions.allSatisfy({ schema.actions[$0] != nil }) else { return .failure(.anyBool) }
                let ancestors = schema.actionAncestors[lhs] ?? []
                let inside = actions.contains { $0 == lhs || ancestors.contains($0) }
                return .success(.bool(inside ? .alwaysTrue : .alwaysFalse))
            }
            // An action is never in an entity that is not an action.
            return .success(.bool(.alwaysFalse))
        }
        var targetType = rightType
        if case .set(let element?) = rightType { targetType = element }
        if case .entity(let descendant) = leftType, case .entity(let ancestor) = targetType,
            !schema.mayBeDescendant(descendant, of: ancestor)
        {
            return .success(.bool(.alwaysFalse))
        }
        return .success(.anyBool)
    }

    /// The entities a literal, the request's action, or a set literal of those denote.
    private func entityLiterals(_ expr: Expr) -> [EntityUID]? {
        if case .entity(let uid)? = literalValue(expr) { return [uid] }
        guard case .set(let elements) = expr.kind else { return nil }
        var result: [EntityUID] = []
        for element in elements {
            guard case .entity(let uid)? = literalValue(element) else { return nil }
            result.append(uid)
        }
        return result
    }
}

extension Expr {
    /// A key equal for structurally equal expressions (ignoring where they are written), used to
    /// match a `has` test with the attribute accesses it guards.
    var structuralKey: String {
        switch kind {
        case .literal(let value): return "lit(\(value))"
        case .variable(let variable): return variable.rawValue
        case .ifThenElse(let a, let b, let c): return "if(\(a.structuralKey),\(b.structuralKey),\(c.structuralKey))"
        case .and(let a, let b): return "and(\(a.structuralKey),\(b.structuralKey))"
        case .or(let a, let b): return "or(\(a.structuralKey),\(b.structuralKey))"
        case .not(let a): return "not(\(a.structuralKey))"
        case .negate(let a): return "neg(\(a.structuralKey))"
        case .binary(let op, let a, let b): return "\(op)(\(a.structuralKey),\(b.structuralKey))"
        case .isEmpty(let a): return "isEmpty(\(a.structuralKey))"
        case .getAttribute(let a, let name): return "\(a.structuralKey).\(DecisionJSON.quoted(name.string))"
        case .hasAttribute(let a, let name): return "has(\(a.structuralKey),\(DecisionJSON.quoted(name.string)))"
        case .like(let a, let pattern): return "like(\(a.structuralKey),\(pattern.elements))"
        case .isType(let a, let type): return "is(\(a.structuralKey),\(type))"
        case .set(let elements): return "[" + elements.map(\.structuralKey).joined(separator: ",") + "]"
        case .record(let entries):
            return "{"
                + entries.map { "\(DecisionJSON.quoted($0.0.string)):\($0.1.structuralKey)" }.joined(separator: ",")
                + "}"
        }
    }
}
