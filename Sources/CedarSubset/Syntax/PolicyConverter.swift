/// Turns concrete syntax into policies, applying the checks Cedar applies after parsing:
/// the effect and scope shape, reserved words, integer ranges, escapes, which expressions may
/// stand after `has`, `is` and `like`, and the constructs outside Registro's subset
/// (templates, extension functions, tags), which are refused by name.
struct PolicyConverter {
    func diagnostic(_ message: String, _ span: SourceSpan) -> PolicyDiagnostic {
        PolicyDiagnostic(message, at: span.start)
    }

    /// Converts the policy at position `index` of its text.
    func policy(_ cst: CST.Policy, index: Int) throws(PolicyDiagnostic) -> Policy {
        let effect: Effect
        switch cst.effect.text {
        case "permit": effect = .permit
        case "forbid": effect = .forbid
        default:
            throw diagnostic("`\(cst.effect.text)` is not a policy effect: use `permit` or `forbid`", cst.effect.span)
        }
        let annotations = try self.annotations(cst.annotations)
        let (principal, action, resource) = try scope(cst)
        var condition: Expr?
        for clause in cst.conditions.reversed() {
            let expr = try self.condition(clause)
            if let later = condition {
                condition = Expr(kind: .and(expr, later), span: clause.span)
            } else {
                condition = expr
            }
        }
        return Policy(
            id: "policy\(index)", annotations: annotations, effect: effect, principal: principal,
            action: action, resource: resource, condition: condition, location: cst.span.start,
            scopeSpans: cst.variables.map(\.span))
    }

    private func annotations(_ nodes: [CST.Annotation]) throws(PolicyDiagnostic) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        for node in nodes {
            let key = String(node.key.text)
            if result.contains(where: { $0.key == key }) {
                throw diagnostic("duplicate annotation `@\(key)`", node.span)
            }
            var value = ""
            if let token = node.value {
                value = try unescaped(token)
            }
            result.append((key, value))
        }
        return result
    }

    private func condition(_ clause: CST.Condition) throws(PolicyDiagnostic) -> Expr {
        let isWhen: Bool
        switch clause.keyword.text {
        case "when": isWhen = true
        case "unless": isWhen = false
        default:
            throw diagnostic("`\(clause.keyword.text)` is not a condition: use `when` or `unless`", clause.keyword.span)
        }
        guard let body = clause.body else {
            throw diagnostic(
                "`\(clause.keyword.text)` clause is empty: write a condition between the braces", clause.span)
        }
        let expr = try self.expr(body)
        return isWhen ? expr : Expr(kind: .not(expr), span: clause.span)
    }

    // MARK: Scope

    private func scope(
        _ cst: CST.Policy
    ) throws(PolicyDiagnostic) -> (EntityConstraint, ActionConstraint, EntityConstraint) {
        let names: [Variable] = [.principal, .action, .resource]
        if cst.variables.count < 3 {
            let missing = names[cst.variables.count].rawValue
            throw diagnostic(
                "the policy scope is missing `\(missing)`: a scope reads `(principal, action, resource)`", cst.scopeEnd)
        }
        if cst.variables.count > 3 {
            let extra = cst.variables[3]
            throw diagnostic(
                "unexpected `\(extra.variable.text)` in the policy scope: a scope has only principal, action and resource",
                extra.span)
        }
        for (index, definition) in cst.variables.enumerated() {
            let expected = names[index]
            switch definition.variable.text {
            case "principal", "action", "resource":
                if definition.variable.text != expected.rawValue {
                    throw diagnostic(
                        "expected `\(expected.rawValue)` here in the scope, found `\(definition.variable.text)`",
                        definition.variable.span)
                }
            default:
                throw diagnostic(
                    "`\(definition.variable.text)` is not a scope variable: expected `\(expected.rawValue)`",
                    definition.variable.span)
            }
            if let annotation = definition.typeAnnotation {
                throw diagnostic(
                    "type constraints with `:` are not supported: use `\(expected.rawValue) is \(annotation.name.text)`",
                    annotation.span)
            }
        }
        let principal = try entityConstraint(cst.variables[0], .principal)
        let action = try actionConstraint(cst.variables[1])
        let resource = try entityConstraint(cst.variables[2], .resource)
        return (principal, action, resource)
    }

    private func entityConstraint(
        _ definition: CST.VariableDef, _ variable: Variable
    ) throws(PolicyDiagnostic) -> EntityConstraint {
        let type = try definition.entityType.map { (add: CST.Add) throws(PolicyDiagnostic) -> String in
            guard let name = try entityTypeName(add) else {
                throw diagnostic("`is` must be followed by an entity type name", add.span)
            }
            return name
        }
        guard let (op, target) = definition.relation else {
            return type.map { .isType($0) } ?? .any
        }
        if op == .in, isInvertedIs(target) {
            throw diagnostic(
                "when `is` and `in` are used together, `is` must come first: write `\(variable.rawValue) is T in E`",
                definition.span)
        }
        switch op {
        case .equal:
            if type != nil {
                throw diagnostic(
                    "`is` cannot be combined with `==` in the scope: use `\(variable.rawValue) == E` alone",
                    definition.span)
            }
            return .equal(try scopeEntity(target, variable))
        case .in:
            let entity = try scopeEntity(target, variable)
            return type.map { .isTypeIn($0, entity) } ?? .in(entity)
        case .invalidSingleEqual:
            throw diagnostic("`=` is not an operator: use `==`", definition.span)
        default:
            throw diagnostic("the scope accepts only `==`, `in` and `is` for `\(variable.rawValue)`", definition.span)
        }
    }

    private func actionConstraint(_ definition: CST.VariableDef) throws(PolicyDiagnostic) -> ActionConstraint {
        if definition.entityType != nil {
            throw diagnostic("`is` is not allowed on `action` in the scope", definition.span)
        }
        guard let (op, target) = definition.relation else { return .any }
        let constraint: ActionConstraint
        let actions: [EntityUID]
        switch op {
        case .in:
            if isInvertedIs(target) {
                throw diagnostic("`is` is not allowed on `action` in the scope", definition.span)
            }
            if case .list(let elements, _)? = scopePrimary(target) {
                var list: [EntityUID] = []
                for element in elements {
                    list.append(try scopeEntity(element, .action))
                }
                actions = list
            } else {
                actions = [try scopeEntity(target, .action)]
            }
            constraint = .in(actions)
        case .equal:
            let action = try scopeEntity(target, .action)
            actions = [action]
            constraint = .equal(action)
        case .invalidSingleEqual:
            throw diagnostic("`=` is not an operator: use `==`", definition.span)
        default:
            throw diagnostic("the scope accepts only `==` and `in` for `action`", definition.span)
        }
        if let notAction = actions.first(where: { !$0.isAction }) {
            throw diagnostic("`\(notAction)` is not an action: action entities have the type `Action`", target.span)
        }
        return constraint
    }

    /// Whether a scope's `in` target is an `is` test (`principal in E is T`).
    private func isInvertedIs(_ target: CST.Expr) -> Bool {
        guard case .or(let or) = target, or.extended.isEmpty, or.initial.extended.isEmpty,
            case .isIn = or.initial.initial
        else { return false }
        return true
    }

    /// The primary a scope expression reduces to when it has no operator, if any.
    private func scopePrimary(_ expr: CST.Expr) -> CST.Primary? {
        guard case .or(let or) = expr, or.extended.isEmpty, or.initial.extended.isEmpty,
            case .common(let add, let relations, _) = or.initial.initial, relations.isEmpty,
            add.extended.isEmpty, add.initial.extended.isEmpty, add.initial.initial.op == nil,
            add.initial.initial.item.access.isEmpty
        else { return nil }
        let primary = add.initial.initial.item.item
        if case .parenthesized(let inner, _) = primary { return scopePrimary(inner) }
        return primary
    }

    /// The entity a scope constraint names: an entity literal, possibly parenthesized.
    private func scopeEntity(_ expr: CST.Expr, _ variable: Variable) throws(PolicyDiagnostic) -> EntityUID {
        switch scopePrimary(expr) {
        case .entity(let name, let id, _)?:
            return EntityUID(type: try typeName(name), id: try unescaped(id))
        case .slot(let token)?:
            throw diagnostic(
                "templates are outside the supported subset: `\(token.text)` is a template slot", token.span)
        case .name(let name)?:
            throw diagnostic(
                "expected an entity such as `\(name.name.text)::\"id\"` after `\(variable.rawValue)`, found the name `\(name.name.text)`\(variable == .action ? "" : "; use `is` to test an entity type")",
                name.span)
        default:
            throw diagnostic(
                "expected an entity such as `Type::\"id\"`\(variable == .action ? " or a list of actions" : "") in the scope of `\(variable.rawValue)`",
                expr.span)
        }
    }

    // MARK: Names and literals

    /// Validates a `::` name; reserved words and `__cedar` are refused.
    func typeName(_ name: CST.Name) throws(PolicyDiagnostic) -> String {
        var parts: [Substring] = []
        for ident in name.path + [name.name] {
            try checkIdentifier(ident)
            parts.append(ident.text)
        }
        return parts.joined(separator: "::")
    }

    func checkIdentifier(_ ident: CST.Ident) throws(PolicyDiagnostic) {
        if reservedWords.contains(ident.text) {
            throw diagnostic("`\(ident.text)` is a reserved word and cannot be used as a name", ident.span)
        }
        if ident.text == "__cedar" {
            throw diagnostic("`__cedar` is reserved and cannot be used as a name", ident.span)
        }
    }

    /// The type an `is` names: a name or a variable word (`principal is principal` is legal).
    func entityTypeName(_ add: CST.Add) throws(PolicyDiagnostic) -> String? {
        guard add.extended.isEmpty, add.initial.extended.isEmpty, add.initial.initial.op == nil,
            add.initial.initial.item.access.isEmpty, case .name(let name) = add.initial.initial.item.item
        else { return nil }
        return try typeName(name)
    }

    func unescaped(_ token: Token) throws(PolicyDiagnostic) -> String {
        do {
            return try Unescape.string(token.text)
        } catch {
            throw diagnostic(error.message, token.span)
        }
    }
}
