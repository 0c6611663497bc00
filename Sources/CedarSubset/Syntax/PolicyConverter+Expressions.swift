/// What a piece of concrete syntax turned out to be, before its context says what it may be:
/// `has`, `like`, `is`, record keys and member access each accept different shapes (as in
/// Cedar's `ExprOrSpecial`).
private enum Special {
    case expr(Expr)
    case variable(Variable, SourceSpan)
    case name(CST.Name, String)
    case string(Token)
    case bool(Bool, SourceSpan)

    var span: SourceSpan {
        switch self {
        case .expr(let expr): expr.span
        case .variable(_, let span), .bool(_, let span): span
        case .name(let name, _): name.span
        case .string(let token): token.span
        }
    }
}

/// The extension functions of full Cedar, which Registro's subset refuses.
private let extensionFunctions: Set<String> = ["ip", "decimal", "datetime", "duration"]
/// The extension methods of full Cedar, which Registro's subset refuses.
private let extensionMethods: Set<String> = [
    "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange", "lessThan", "lessThanOrEqual",
    "greaterThan", "greaterThanOrEqual", "offset", "durationSince", "toDate", "toTime", "toDays",
    "toHours", "toMinutes", "toSeconds", "toMilliseconds",
]

extension PolicyConverter {
    func expr(_ cst: CST.Expr) throws(PolicyDiagnostic) -> Expr {
        try toExpr(special(cst))
    }

    private func toExpr(_ special: Special) throws(PolicyDiagnostic) -> Expr {
        switch special {
        case .expr(let expr):
            return expr
        case .variable(let variable, let span):
            return Expr(kind: .variable(variable), span: span)
        case .name(let name, let text):
            if name.path.isEmpty {
                throw diagnostic(
                    "`\(text)` is not a variable: the variables are `principal`, `action`, `resource` and `context`",
                    name.span)
            }
            throw diagnostic(
                "`\(text)` is not a variable or an entity: write `\(text)::\"id\"` for an entity", name.span)
        case .string(let token):
            return Expr(kind: .literal(.string(try unescaped(token))), span: token.span)
        case .bool(let value, let span):
            return Expr(kind: .literal(.bool(value)), span: span)
        }
    }

    private func special(_ cst: CST.Expr) throws(PolicyDiagnostic) -> Special {
        switch cst {
        case .ifThenElse(let condition, let thenExpr, let elseExpr, let span):
            return .expr(
                Expr(kind: .ifThenElse(try expr(condition), try expr(thenExpr), try expr(elseExpr)), span: span))
        case .or(let or):
            let first = try special(or.initial)
            guard !or.extended.isEmpty else { return first }
            var result = try toExpr(first)
            for operand in or.extended {
                let right = try toExpr(special(operand))
                result = Expr(kind: .or(result, right), span: result.span.through(right.span))
            }
            return .expr(result)
        }
    }

    private func special(_ and: CST.And) throws(PolicyDiagnostic) -> Special {
        let first = try special(and.initial)
        guard !and.extended.isEmpty else { return first }
        var result = try toExpr(first)
        for operand in and.extended {
            let right = try toExpr(special(operand))
            result = Expr(kind: .and(result, right), span: result.span.through(right.span))
        }
        return .expr(result)
    }

    private func special(_ relation: CST.Relation) throws(PolicyDiagnostic) -> Special {
        switch relation {
        case .common(let initial, let extended, let span):
            let first = try special(initial)
            guard let (op, second) = extended.first else { return first }
            if extended.count > 1 {
                throw diagnostic("relational operators cannot be chained: add parentheses, as in `(a < b) == c`", span)
            }
            let left = try toExpr(first)
            let right = try toExpr(special(second))
            let kind: Expr.Kind
            switch op {
            case .less: kind = .binary(.less, left, right)
            case .lessEqual: kind = .binary(.lessEqual, left, right)
            case .greaterEqual: kind = .not(Expr(kind: .binary(.less, left, right), span: span))
            case .greater: kind = .not(Expr(kind: .binary(.lessEqual, left, right), span: span))
            case .notEqual: kind = .not(Expr(kind: .binary(.equal, left, right), span: span))
            case .equal: kind = .binary(.equal, left, right)
            case .in: kind = .binary(.in, left, right)
            case .invalidSingleEqual: throw diagnostic("`=` is not an operator: use `==`", span)
            }
            return .expr(Expr(kind: kind, span: span))
        case .has(let target, let field, let span):
            let base = try toExpr(special(target))
            let names = try hasAttributes(field)
            var result = Expr(kind: .hasAttribute(base, names[0]), span: span)
            var path = Expr(kind: .getAttribute(base, names[0]), span: span)
            for name in names.dropFirst() {
                result = Expr(kind: .and(result, Expr(kind: .hasAttribute(path, name), span: span)), span: span)
                path = Expr(kind: .getAttribute(path, name), span: span)
            }
            return .expr(result)
        case .like(let target, let pattern, let span):
            let base = try toExpr(special(target))
            guard case .string(let token) = try special(pattern) else {
                throw diagnostic("`like` must be followed by a string literal pattern", pattern.span)
            }
            do {
                return .expr(Expr(kind: .like(base, try Unescape.pattern(token.text)), span: span))
            } catch {
                throw diagnostic(error.message, token.span)
            }
        case .isIn(let target, let type, let inEntity, let span):
            let base = try toExpr(special(target))
            guard let typeName = try entityTypeName(type) else {
                throw diagnostic("`is` must be followed by an entity type name", type.span)
            }
            let test = Expr(kind: .isType(base, typeName), span: span)
            guard let inEntity else { return .expr(test) }
            let membership = Expr(kind: .binary(.in, base, try toExpr(special(inEntity))), span: span)
            return .expr(Expr(kind: .and(test, membership), span: span))
        }
    }

    /// The attribute path after `has`: a string literal, or identifiers separated by `.`.
    private func hasAttributes(_ field: CST.Add) throws(PolicyDiagnostic) -> [ScalarString] {
        let invalid = diagnostic(
            "`has` must be followed by an attribute name, a `.`-separated path of names, or a string", field.span)
        guard field.extended.isEmpty, field.initial.extended.isEmpty, field.initial.initial.op == nil else {
            throw invalid
        }
        let member = field.initial.initial.item
        var names: [ScalarString]
        switch member.item {
        case .literal(let token) where token.kind == .string:
            guard member.access.isEmpty else { throw invalid }
            return [ScalarString(try unescaped(token))]
        case .literal(let token) where token.kind == .identifier:
            throw diagnostic("`\(token.text)` is a reserved word and cannot be an attribute name", token.span)
        case .name(let name):
            guard name.path.isEmpty else {
                throw diagnostic("a `::` path cannot be an attribute name", name.span)
            }
            try checkIdentifier(name.name)
            names = [ScalarString(name.name.text)]
        default:
            throw invalid
        }
        for access in member.access {
            guard case .field(let ident, _) = access else { throw invalid }
            try checkIdentifier(ident)
            names.append(ScalarString(ident.text))
        }
        return names
    }

    private func special(_ add: CST.Add) throws(PolicyDiagnostic) -> Special {
        let first = try special(add.initial)
        guard !add.extended.isEmpty else { return first }
        var result = try toExpr(first)
        for (op, operand) in add.extended {
            let right = try toExpr(special(operand))
            let binary: BinaryOp = op == .plus ? .add : .subtract
            result = Expr(kind: .binary(binary, result, right), span: result.span.through(right.span))
        }
        return .expr(result)
    }

    private func special(_ mult: CST.Mult) throws(PolicyDiagnostic) -> Special {
        let first = try special(mult.initial)
        guard !mult.extended.isEmpty else { return first }
        var result = try toExpr(first)
        for (op, operand) in mult.extended {
            let right = try toExpr(special(operand))
            switch op {
            case .times: break
            case .divide: throw diagnostic("division is not supported in Cedar", mult.span)
            case .modulo: throw diagnostic("remainder (`%`) is not supported in Cedar", mult.span)
            }
            result = Expr(kind: .binary(.multiply, result, right), span: result.span.through(right.span))
        }
        return .expr(result)
    }

    private func special(_ unary: CST.Unary) throws(PolicyDiagnostic) -> Special {
        switch unary.op {
        case nil:
            return try special(unary.item)
        case .bang(let count):
            if count > 4 { throw diagnostic("too many `!` in a row: at most 4 are allowed", unary.span) }
            var result = try toExpr(special(unary.item))
            for _ in 0..<count { result = Expr(kind: .not(result), span: unary.span) }
            return .expr(result)
        case .dash(let count):
            if count > 4 { throw diagnostic("too many `-` in a row: at most 4 are allowed", unary.span) }
            var remaining = count
            var result: Expr
            if unary.item.access.isEmpty, case .literal(let token) = unary.item.item, token.kind == .number {
                let magnitude = try number(token)
                if magnitude == UInt64(Int64.max) + 1 {
                    result = Expr(kind: .literal(.long(.min)), span: unary.span)
                } else if magnitude <= UInt64(Int64.max) {
                    result = Expr(kind: .literal(.long(-Int64(magnitude))), span: unary.span)
                } else {
                    throw diagnostic("integer literal `\(token.text)` is too large", token.span)
                }
                remaining -= 1
            } else {
                result = try toExpr(special(unary.item))
            }
            for _ in 0..<remaining { result = Expr(kind: .negate(result), span: unary.span) }
            return .expr(result)
        }
    }

    private func number(_ token: Token) throws(PolicyDiagnostic) -> UInt64 {
        guard let value = UInt64(token.text) else {
            throw diagnostic("integer literal `\(token.text)` is too large", token.span)
        }
        return value
    }

    /// What follows a primary: `.name`, `(arguments)` or `["name"]`.
    private enum Accessor {
        case field(ScalarString, String, SourceSpan)
        case call([Expr], SourceSpan)
        case index(ScalarString, SourceSpan)
    }

    private func accessor(_ access: CST.MemAccess) throws(PolicyDiagnostic) -> Accessor {
        switch access {
        case .field(let ident, let span):
            try checkIdentifier(ident)
            return .field(ScalarString(ident.text), String(ident.text), span)
        case .call(let arguments, let span):
            var converted: [Expr] = []
            for argument in arguments { converted.append(try expr(argument)) }
            return .call(converted, span)
        case .index(let index, let span):
            guard case .string(let token) = try special(index) else {
                throw diagnostic("`[...]` must hold a string literal naming an attribute", index.span)
            }
            return .index(ScalarString(try unescaped(token)), span)
        }
    }

    private func special(_ member: CST.Member) throws(PolicyDiagnostic) -> Special {
        let head = try special(member.item)
        guard !member.access.isEmpty else { return head }
        var accessors: [Accessor] = []
        for access in member.access { accessors.append(try accessor(access)) }
        var result: Expr
        var rest = accessors[...]
        switch head {
        case .name(let name, let text):
            if case .call = accessors[0] {
                throw functionCall(name, text, span: member.span)
            }
            if case .field(_, let field, _) = accessors[0] {
                if accessors.count > 1, case .call = accessors[1] {
                    throw diagnostic("`\(text)` has no methods: `\(text).\(field)(…)` is not a valid call", member.span)
                }
                throw diagnostic(
                    "`\(text)` is not a variable, so `\(text).\(field)` is not a valid attribute access", member.span)
            }
            throw diagnostic("`\(text)` is not a variable, so it cannot be indexed with `[...]`", member.span)
        case .variable(let variable, _):
            if case .call = accessors[0] {
                throw diagnostic("`\(variable.rawValue)` is a variable and cannot be called", member.span)
            }
            result = try toExpr(head)
        default:
            result = try toExpr(head)
        }
        while let next = rest.first {
            rest = rest.dropFirst()
            switch next {
            case .call:
                throw diagnostic(
                    "an expression cannot be called: only methods such as `.contains(…)` take arguments", member.span)
            case .field(let key, let name, let span):
                if case .call(let arguments, let callSpan)? = rest.first {
                    rest = rest.dropFirst()
                    result = try method(name, on: result, arguments: arguments, span: span.through(callSpan))
                } else {
                    result = Expr(kind: .getAttribute(result, key), span: result.span.through(span))
                }
            case .index(let key, let span):
                result = Expr(kind: .getAttribute(result, key), span: result.span.through(span))
            }
        }
        return .expr(result)
    }

    private func method(
        _ name: String, on target: Expr, arguments: [Expr], span: SourceSpan
    ) throws(PolicyDiagnostic) -> Expr {
        let whole = target.span.through(span)
        func single() throws(PolicyDiagnostic) -> Expr {
            guard arguments.count == 1 else {
                throw diagnostic("`.\(name)` takes 1 argument, found \(arguments.count)", span)
            }
            return arguments[0]
        }
        switch name {
        case "contains": return Expr(kind: .binary(.contains, target, try single()), span: whole)
        case "containsAll": return Expr(kind: .binary(.containsAll, target, try single()), span: whole)
        case "containsAny": return Expr(kind: .binary(.containsAny, target, try single()), span: whole)
        case "isEmpty":
            guard arguments.isEmpty else {
                throw diagnostic("`.isEmpty` takes no argument, found \(arguments.count)", span)
            }
            return Expr(kind: .isEmpty(target), span: whole)
        case "getTag", "hasTag":
            throw diagnostic("entity tags are outside the supported subset: `.\(name)` is not available", span)
        default:
            if extensionMethods.contains(name) {
                throw diagnostic(
                    "extension methods are outside the supported subset: `.\(name)` is not available", span)
            }
            if extensionFunctions.contains(name) {
                throw diagnostic(
                    "`\(name)` is a function, not a method, and extension functions are outside the supported subset",
                    span)
            }
            throw diagnostic(
                "unknown method `.\(name)`: the methods are `.contains`, `.containsAll`, `.containsAny` and `.isEmpty`",
                span)
        }
    }

    private func functionCall(_ name: CST.Name, _ text: String, span: SourceSpan) -> PolicyDiagnostic {
        if name.path.isEmpty,
            ["contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag"].contains(text)
                || extensionMethods.contains(text)
        {
            return diagnostic("`\(text)` is a method, not a function: call it as `value.\(text)(…)`", span)
        }
        if extensionFunctions.contains(text) {
            return diagnostic(
                "extension functions are outside the supported subset: `\(text)()` is not available", span)
        }
        return diagnostic(
            "unknown function `\(text)`: Cedar has no functions outside its extensions, which are not supported", span)
    }

    private func special(_ primary: CST.Primary) throws(PolicyDiagnostic) -> Special {
        switch primary {
        case .literal(let token):
            switch token.kind {
            case .number:
                let magnitude = try number(token)
                guard magnitude <= UInt64(Int64.max) else {
                    throw diagnostic("integer literal `\(token.text)` is too large", token.span)
                }
                return .expr(Expr(kind: .literal(.long(Int64(magnitude))), span: token.span))
            case .string:
                return .string(token)
            default:
                return .bool(token.text == "true", token.span)
            }
        case .entity(let name, let id, let span):
            let uid = EntityUID(type: try typeName(name), id: try unescaped(id))
            return .expr(Expr(kind: .literal(.entity(uid)), span: span))
        case .entityRecord(_, let span):
            throw diagnostic("entity literals with `{…}` are not supported: write `Type::\"id\"`", span)
        case .name(let name):
            if name.path.isEmpty, let variable = Variable(rawValue: String(name.name.text)) {
                return .variable(variable, name.span)
            }
            return .name(name, try typeName(name))
        case .slot(let token):
            throw diagnostic(
                "templates are outside the supported subset: `\(token.text)` is a template slot", token.span)
        case .parenthesized(let inner, let span):
            let converted = try expr(inner)
            return .expr(Expr(kind: converted.kind, span: span))
        case .list(let elements, let span):
            var converted: [Expr] = []
            for element in elements { converted.append(try expr(element)) }
            return .expr(Expr(kind: .set(converted), span: span))
        case .record(let entries, let span):
            var converted: [(ScalarString, Expr)] = []
            for (keyNode, valueNode) in entries {
                let key = try recordKey(keyNode)
                let value = try expr(valueNode)
                if converted.contains(where: { $0.0 == key }) {
                    throw diagnostic("duplicate key `\(escapedForCedar(key.string))` in record literal", keyNode.span)
                }
                converted.append((key, value))
            }
            return .expr(Expr(kind: .record(converted), span: span))
        }
    }

    private func recordKey(_ node: CST.Expr) throws(PolicyDiagnostic) -> ScalarString {
        switch try special(node) {
        case .variable(let variable, _):
            return ScalarString(variable.rawValue)
        case .name(let name, let text):
            guard name.path.isEmpty else {
                throw diagnostic("`\(text)`: a `::` path cannot be a record key", name.span)
            }
            return ScalarString(text)
        case .string(let token):
            return ScalarString(try unescaped(token))
        case .bool(let value, let span):
            throw diagnostic("`\(value)` is a reserved word and cannot be a record key", span)
        case .expr(let expr):
            throw diagnostic("a record key must be an identifier or a string literal", expr.span)
        }
    }
}
