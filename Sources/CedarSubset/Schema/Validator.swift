/// Validates policies against a schema, as Cedar's validator does in strict mode: every entity
/// type and action a policy names must be declared, and every policy must typecheck in every
/// request environment its scope allows (see ``Typechecker``).
///
/// Not done (documented in Docs/POLICY-LANGUAGE.md): Cedar's warnings (such as a policy that
/// can never apply), partial schemas, and validating entities and requests against the schema.
struct Validator {
    let schema: Schema

    /// Every problem in `policies`, in text order, without duplicates.
    func validate(_ policies: PolicySet) -> [PolicyDiagnostic] {
        var diagnostics: [PolicyDiagnostic] = []
        for (policy, info) in zip(policies.policies, policies.infos) {
            var problems = namedEntityProblems(policy)
            problems += actionApplicationProblems(policy)
            problems += typeProblems(policy)
            var seen: Set<String> = []
            for problem in problems.sorted(by: { $0.span.startOffset < $1.span.startOffset }) {
                let diagnostic = PolicyDiagnostic(problem.message, at: problem.span.start, file: info.file)
                if seen.insert(diagnostic.description).inserted { diagnostics.append(diagnostic) }
            }
        }
        return diagnostics
    }

    // MARK: Entity types and actions

    private func namedEntityProblems(_ policy: Policy) -> [(span: SourceSpan, message: String)] {
        var problems: [(span: SourceSpan, message: String)] = []
        func check(_ uid: EntityUID, _ span: SourceSpan) {
            if uid.isAction {
                if schema.actions[uid] == nil { problems.append((span, "unrecognized action `\(uid)`")) }
            } else if let info = schema.entityTypes[uid.type] {
                if let ids = info.enumeratedIDs, !ids.contains(ScalarString(uid.id)) {
                    problems.append(
                        (span, "`\(uid)` is not one of the entities the schema enumerates for `\(uid.type)`"))
                }
            } else {
                problems.append((span, "unrecognized entity type `\(uid.type)`"))
            }
        }
        func checkType(_ type: String, _ span: SourceSpan) {
            if schema.entityTypes[type] == nil, !schema.actions.keys.contains(where: { $0.type == type }) {
                problems.append((span, "unrecognized entity type `\(type)`"))
            }
        }
        for (constraint, span) in [(policy.principal, policy.scopeSpans[0]), (policy.resource, policy.scopeSpans[2])] {
            switch constraint {
            case .any: break
            case .equal(let uid), .in(let uid): check(uid, span)
            case .isType(let type): checkType(type, span)
            case .isTypeIn(let type, let uid):
                checkType(type, span)
                check(uid, span)
            }
        }
        switch policy.action {
        case .any: break
        case .equal(let uid): check(uid, policy.scopeSpans[1])
        case .in(let uids): for uid in uids { check(uid, policy.scopeSpans[1]) }
        }
        policy.condition?.visit { expr in
            switch expr.kind {
            case .literal(.entity(let uid)): check(uid, expr.span)
            case .isType(_, let type): checkType(type, expr.span)
            default: break
            }
        }
        return problems
    }

    // MARK: Action application

    /// Cedar's check that some action the scope allows applies to some principal type and some
    /// resource type the scope allows.
    private func actionApplicationProblems(_ policy: Policy) -> [(span: SourceSpan, message: String)] {
        let actions: [EntityUID]
        switch policy.action {
        case .any: actions = schema.actionUIDs
        case .equal(let uid): actions = [uid]
        case .in(let groups):
            guard groups.allSatisfy({ schema.actions[$0] != nil }) else { actions = []; break }
            actions = schema.actionUIDs.filter { action in
                groups.contains { $0 == action || (schema.actionAncestors[action]?.contains($0) ?? false) }
            }
        }
        let principals = entityTypes(satisfying: policy.principal)
        let resources = entityTypes(satisfying: policy.resource)
        let applies = actions.contains { uid in
            guard let info = schema.actions[uid] else { return false }
            return !principals.isDisjoint(with: info.principalTypes) && !resources.isDisjoint(with: info.resourceTypes)
        }
        guard !applies else { return [] }
        let span = SourceSpan(
            start: policy.location, startOffset: policy.scopeSpans[0].startOffset,
            endOffset: policy.scopeSpans[0].startOffset)
        return [(span, "unable to find an applicable action given the policy scope constraints")]
    }

    /// The declared entity types a scope constraint lets through.
    private func entityTypes(satisfying constraint: EntityConstraint) -> Set<String> {
        func typesIn(_ type: String) -> Set<String> {
            Set(schema.entityTypes.keys.filter { schema.ancestorTypes[$0]?.contains(type) ?? false }).union([type])
        }
        switch constraint {
        case .any: return Set(schema.entityTypes.keys)
        case .equal(let uid): return [uid.type]
        case .in(let uid): return typesIn(uid.type)
        case .isType(let type): return schema.entityTypes[type] != nil ? [type] : []
        case .isTypeIn(let type, let uid): return typesIn(uid.type).filter { $0 == type }
        }
    }

    // MARK: Types

    private func typeProblems(_ policy: Policy) -> [(span: SourceSpan, message: String)] {
        let condition = scopeCondition(policy)
        var problems: [(span: SourceSpan, message: String)] = []
        for action in schema.actionUIDs {
            guard let info = schema.actions[action], info.appliesToAnything else { continue }
            for principal in info.principalTypes {
                for resource in info.resourceTypes {
                    let environment = Typechecker.Environment(
                        principal: principal, action: action, resource: resource, context: ValidatorType(info.context))
                    var checker = Typechecker(schema: schema, environment: environment)
                    _ = checker.expect(.bool, condition, [])
                    problems += checker.errors
                }
            }
        }
        return problems
    }

    /// The policy's scope and condition as one expression, as Cedar typechecks it.
    private func scopeCondition(_ policy: Policy) -> Expr {
        func variable(_ variable: Variable, _ span: SourceSpan) -> Expr { Expr(kind: .variable(variable), span: span) }
        func literal(_ uid: EntityUID, _ span: SourceSpan) -> Expr { Expr(kind: .literal(.entity(uid)), span: span) }
        func entity(_ constraint: EntityConstraint, _ name: Variable, _ span: SourceSpan) -> Expr {
            let subject = variable(name, span)
            switch constraint {
            case .any: return Expr(kind: .literal(.bool(true)), span: span)
            case .equal(let uid): return Expr(kind: .binary(.equal, subject, literal(uid, span)), span: span)
            case .in(let uid): return Expr(kind: .binary(.in, subject, literal(uid, span)), span: span)
            case .isType(let type): return Expr(kind: .isType(subject, type), span: span)
            case .isTypeIn(let type, let uid):
                return Expr(
                    kind: .and(
                        Expr(kind: .isType(subject, type), span: span),
                        Expr(kind: .binary(.in, subject, literal(uid, span)), span: span)), span: span)
            }
        }
        let spans = policy.scopeSpans
        let actionExpr: Expr
        switch policy.action {
        case .any: actionExpr = Expr(kind: .literal(.bool(true)), span: spans[1])
        case .equal(let uid):
            actionExpr = Expr(
                kind: .binary(.equal, variable(.action, spans[1]), literal(uid, spans[1])), span: spans[1])
        case .in(let uids) where uids.count == 1:
            actionExpr = Expr(
                kind: .binary(.in, variable(.action, spans[1]), literal(uids[0], spans[1])), span: spans[1])
        case .in(let uids):
            let set = Expr(kind: .set(uids.map { literal($0, spans[1]) }), span: spans[1])
            actionExpr = Expr(kind: .binary(.in, variable(.action, spans[1]), set), span: spans[1])
        }
        var result = Expr(kind: .and(entity(policy.principal, .principal, spans[0]), actionExpr), span: spans[0])
        result = Expr(kind: .and(result, entity(policy.resource, .resource, spans[2])), span: spans[0])
        if let condition = policy.condition {
            result = Expr(kind: .and(result, condition), span: spans[0])
        }
        return result
    }
}

extension Schema {
    /// Validates `policies` against the schema.
    /// - Returns: every problem found, as `FILE:LINE:COL: problem` diagnostics; none when the
    ///   policies are valid.
    public func validate(_ policies: PolicySet) -> [PolicyDiagnostic] {
        Validator(schema: self).validate(policies)
    }
}

extension Expr {
    /// Calls `body` on this expression and every subexpression.
    func visit(_ body: (Expr) -> Void) {
        body(self)
        switch kind {
        case .literal, .variable: break
        case .ifThenElse(let a, let b, let c):
            a.visit(body)
            b.visit(body)
            c.visit(body)
        case .and(let a, let b), .or(let a, let b), .binary(_, let a, let b):
            a.visit(body)
            b.visit(body)
        case .not(let a), .negate(let a), .isEmpty(let a), .getAttribute(let a, _), .hasAttribute(let a, _),
            .like(let a, _), .isType(let a, _):
            a.visit(body)
        case .set(let elements):
            for element in elements { element.visit(body) }
        case .record(let entries):
            for (_, value) in entries { value.visit(body) }
        }
    }
}
