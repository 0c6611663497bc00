/// Reads tokens into the concrete syntax tree with Cedar's grammar and precedence:
/// `if`, `||`, `&&`, relations (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `has`, `like`, `is`),
/// `+ -`, `*`, unary `!` and `-`, member access, primaries.
///
/// A syntax error inside a policy is recorded and parsing resumes after the next `;`, so that
/// one pass reports a problem in each broken policy.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    /// How deep the expression being parsed will nest once built; bounded so that no input can
    /// exhaust the stack of the parser, the converter or the evaluator.
    private var depth = 0

    /// The deepest expression nesting accepted (counting each operand of an operator chain).
    static let maximumDepth = 400

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses every policy of `source`; returns the policies that parsed and the syntax errors.
    static func parsePolicies(_ source: String) -> (policies: [CST.Policy], errors: [PolicyDiagnostic]) {
        var parser = Parser(tokens: Lexer.tokenize(source))
        var policies: [CST.Policy] = []
        var errors: [PolicyDiagnostic] = []
        while parser.current.kind != .end {
            do {
                policies.append(try parser.policy())
            } catch {
                errors.append(error)
                parser.skipPastSemicolon()
            }
        }
        return (policies, errors)
    }

    // MARK: Token handling

    private var current: Token { tokens[position] }
    private var following: Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private mutating func accept(_ kind: Token.Kind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(PolicyDiagnostic) -> Token {
        guard current.kind == kind else { throw unexpected(what) }
        return advance()
    }

    private func unexpected(_ expected: String) -> PolicyDiagnostic {
        if let problem = current.lexicalProblem {
            return PolicyDiagnostic(problem, at: current.span.start)
        }
        return PolicyDiagnostic("unexpected \(current.display), expected \(expected)", at: current.span.start)
    }

    private mutating func skipPastSemicolon() {
        while current.kind != .end {
            if advance().kind == .semicolon { return }
        }
    }

    private func span(from start: Token) -> SourceSpan {
        let last = tokens[max(position - 1, 0)]
        return SourceSpan(start: start.span.start, startOffset: start.span.startOffset, endOffset: last.span.endOffset)
    }

    private mutating func ident(_ what: String) throws(PolicyDiagnostic) -> CST.Ident {
        let token = try expect(.identifier, what)
        return CST.Ident(text: token.text, span: token.span)
    }

    /// Parses `E {, E} [,]` up to `closing`, which it consumes.
    private mutating func commaList<E>(
        until closing: Token.Kind, _ closingText: String, _ element: (inout Parser) throws(PolicyDiagnostic) -> E
    ) throws(PolicyDiagnostic) -> [E] {
        var elements: [E] = []
        while accept(closing) == nil {
            elements.append(try element(&self))
            if accept(.comma) == nil {
                _ = try expect(closing, "`,` or `\(closingText)`")
                break
            }
        }
        return elements
    }

    // MARK: Policies

    private mutating func policy() throws(PolicyDiagnostic) -> CST.Policy {
        let start = current
        var annotations: [CST.Annotation] = []
        while let at = accept(.at) {
            let key = try ident("an annotation name")
            var value: Token?
            if accept(.leftParen) != nil {
                value = try expect(.string, "a string")
                _ = try expect(.rightParen, "`)`")
            }
            annotations.append(CST.Annotation(key: key, value: value, span: span(from: at)))
        }
        let effect = try ident("`permit` or `forbid`")
        _ = try expect(.leftParen, "`(`")
        let variables = try commaList(until: .rightParen, ")") { (parser: inout Parser) throws(PolicyDiagnostic) in
            try parser.variableDef()
        }
        let scopeEnd = tokens[position - 1].span
        var conditions: [CST.Condition] = []
        while current.kind == .identifier {
            let keyword = try ident("`when` or `unless`")
            _ = try expect(.leftBrace, "`{`")
            if accept(.rightBrace) != nil {
                conditions.append(
                    CST.Condition(keyword: keyword, body: nil, span: keyword.span.through(tokens[position - 1].span)))
                continue
            }
            let body = try expr()
            _ = try expect(.rightBrace, "`}`")
            conditions.append(
                CST.Condition(keyword: keyword, body: body, span: keyword.span.through(tokens[position - 1].span)))
        }
        _ = try expect(.semicolon, "`when`, `unless` or `;`")
        return CST.Policy(
            annotations: annotations, effect: effect, variables: variables, conditions: conditions,
            span: span(from: start), scopeEnd: scopeEnd)
    }

    private mutating func variableDef() throws(PolicyDiagnostic) -> CST.VariableDef {
        let start = current
        let variable = try ident("`principal`, `action` or `resource`")
        var typeAnnotation: CST.Name?
        if accept(.colon) != nil {
            typeAnnotation = try name()
        }
        var entityType: CST.Add?
        if current.isWord("is") {
            _ = advance()
            entityType = try add()
        }
        var relation: (CST.RelOp, CST.Expr)?
        if let op = relOp() {
            relation = (op, try expr())
        }
        return CST.VariableDef(
            variable: variable, typeAnnotation: typeAnnotation, entityType: entityType,
            relation: relation, span: span(from: start))
    }

    // MARK: Expressions

    /// Counts one more level of nesting at the current token.
    private mutating func deeper() throws(PolicyDiagnostic) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw PolicyDiagnostic(
                "expression is nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.span.start)
        }
    }

    mutating func expr() throws(PolicyDiagnostic) -> CST.Expr {
        let start = current
        let outer = depth
        defer { depth = outer }
        try deeper()
        if current.isWord("if") {
            _ = advance()
            let condition = try expr()
            guard current.isWord("then") else { throw unexpected("`then`") }
            _ = advance()
            let thenExpr = try expr()
            guard current.isWord("else") else { throw unexpected("`else`") }
            _ = advance()
            let elseExpr = try expr()
            return .ifThenElse(condition, thenExpr, elseExpr, span(from: start))
        }
        return .or(try or())
    }

    private mutating func or() throws(PolicyDiagnostic) -> CST.Or {
        let start = current
        let outer = depth
        defer { depth = outer }
        let initial = try and()
        var extended: [CST.And] = []
        while accept(.orOr) != nil {
            try deeper()
            extended.append(try and())
        }
        return CST.Or(initial: initial, extended: extended, span: span(from: start))
    }

    private mutating func and() throws(PolicyDiagnostic) -> CST.And {
        let start = current
        let outer = depth
        defer { depth = outer }
        let initial = try relation()
        var extended: [CST.Relation] = []
        while accept(.andAnd) != nil {
            try deeper()
            extended.append(try relation())
        }
        return CST.And(initial: initial, extended: extended, span: span(from: start))
    }

    private mutating func relOp() -> CST.RelOp? {
        let op: CST.RelOp? =
            switch current.kind {
            case .less: .less
            case .lessEqual: .lessEqual
            case .greaterEqual: .greaterEqual
            case .greater: .greater
            case .notEqual: .notEqual
            case .equalEqual: .equal
            case .equal: .invalidSingleEqual
            case .identifier where current.text == "in": .in
            default: nil
            }
        if op != nil { _ = advance() }
        return op
    }

    private mutating func relation() throws(PolicyDiagnostic) -> CST.Relation {
        let start = current
        let first = try add()
        if current.isWord("has") {
            _ = advance()
            if current.isWord("if") {
                // `has if…` parses (Cedar keeps it for a clearer error) and is refused later.
                let ifToken = advance()
                let ifIdent = CST.Ident(text: ifToken.text, span: ifToken.span)
                let nameNode = CST.Name(path: [], name: ifIdent, span: ifToken.span)
                var access: [CST.MemAccess] = []
                while let next = try memAccess() { access.append(next) }
                let member = CST.Member(item: .name(nameNode), access: access, span: span(from: ifToken))
                let unary = CST.Unary(op: nil, item: member, span: member.span)
                let field = CST.Add(
                    initial: CST.Mult(initial: unary, extended: [], span: unary.span), extended: [], span: unary.span)
                return .has(first, field, span(from: start))
            }
            return .has(first, try add(), span(from: start))
        }
        if current.isWord("like") {
            _ = advance()
            return .like(first, try add(), span(from: start))
        }
        if current.isWord("is") {
            _ = advance()
            let type = try add()
            var inEntity: CST.Add?
            if current.isWord("in") {
                _ = advance()
                inEntity = try add()
            }
            return .isIn(first, type, inEntity, span(from: start))
        }
        var extended: [(CST.RelOp, CST.Add)] = []
        while let op = relOp() {
            extended.append((op, try add()))
        }
        return .common(first, extended, span(from: start))
    }

    private mutating func add() throws(PolicyDiagnostic) -> CST.Add {
        let start = current
        let outer = depth
        defer { depth = outer }
        let initial = try mult()
        var extended: [(CST.AddOp, CST.Mult)] = []
        while true {
            if current.kind == .plus || current.kind == .minus { try deeper() }
            if accept(.plus) != nil {
                extended.append((.plus, try mult()))
            } else if accept(.minus) != nil {
                extended.append((.minus, try mult()))
            } else {
                break
            }
        }
        return CST.Add(initial: initial, extended: extended, span: span(from: start))
    }

    private mutating func mult() throws(PolicyDiagnostic) -> CST.Mult {
        let start = current
        let outer = depth
        defer { depth = outer }
        let initial = try unary()
        var extended: [(CST.MultOp, CST.Unary)] = []
        while true {
            let op: CST.MultOp? =
                switch current.kind {
                case .star: .times
                case .slash: .divide
                case .percent: .modulo
                default: nil
                }
            guard let op else { break }
            try deeper()
            _ = advance()
            extended.append((op, try unary()))
        }
        return CST.Mult(initial: initial, extended: extended, span: span(from: start))
    }

    private mutating func unary() throws(PolicyDiagnostic) -> CST.Unary {
        let start = current
        var op: CST.NegOp?
        if current.kind == .bang {
            var count = 0
            while accept(.bang) != nil { count += 1 }
            op = .bang(count)
        } else if current.kind == .minus {
            var count = 0
            while accept(.minus) != nil { count += 1 }
            op = .dash(count)
        }
        let outer = depth
        defer { depth = outer }
        try deeper()
        let item = try member()
        return CST.Unary(op: op, item: item, span: span(from: start))
    }

    private mutating func member() throws(PolicyDiagnostic) -> CST.Member {
        let start = current
        let item = try primary()
        var access: [CST.MemAccess] = []
        let outer = depth
        defer { depth = outer }
        while let next = try memAccess() {
            access.append(next)
            try deeper()
        }
        return CST.Member(item: item, access: access, span: span(from: start))
    }

    private mutating func memAccess() throws(PolicyDiagnostic) -> CST.MemAccess? {
        let start = current
        if accept(.dot) != nil {
            let field = try ident("an attribute or method name")
            return .field(field, span(from: start))
        }
        if accept(.leftParen) != nil {
            let arguments = try commaList(until: .rightParen, ")") { (parser: inout Parser) throws(PolicyDiagnostic) in
                try parser.expr()
            }
            return .call(arguments, span(from: start))
        }
        if accept(.leftBracket) != nil {
            let index = try expr()
            _ = try expect(.rightBracket, "`]`")
            return .index(index, span(from: start))
        }
        return nil
    }

    private mutating func primary() throws(PolicyDiagnostic) -> CST.Primary {
        let start = current
        switch current.kind {
        case .number, .string:
            return .literal(advance())
        case .slot:
            return .slot(advance())
        case .leftParen:
            _ = advance()
            let inner = try expr()
            _ = try expect(.rightParen, "`)`")
            return .parenthesized(inner, span(from: start))
        case .leftBracket:
            _ = advance()
            let elements = try commaList(until: .rightBracket, "]") { (parser: inout Parser) throws(PolicyDiagnostic) in
                try parser.expr()
            }
            return .list(elements, span(from: start))
        case .leftBrace:
            _ = advance()
            let entries = try commaList(until: .rightBrace, "}") {
                (parser: inout Parser) throws(PolicyDiagnostic) -> (CST.Expr, CST.Expr) in
                let key = try parser.expr()
                _ = try parser.expect(.colon, "`:`")
                return (key, try parser.expr())
            }
            return .record(entries, span(from: start))
        case .identifier:
            let word = current.text
            if (word == "true" || word == "false"), following.kind != .doubleColon {
                return .literal(advance())
            }
            if word == "if", following.kind != .doubleColon {
                throw unexpected("an expression (an `if` expression needs parentheses here)")
            }
            return try nameOrEntity()
        default:
            throw unexpected("an expression")
        }
    }

    /// `Name`, `Name::"id"` or `Name::{…}`.
    private mutating func nameOrEntity() throws(PolicyDiagnostic) -> CST.Primary {
        let start = current
        var parts: [CST.Ident] = [try ident("a name")]
        while current.kind == .doubleColon {
            _ = advance()
            switch current.kind {
            case .string:
                let id = advance()
                let typeName = makeName(parts)
                return .entity(typeName, id, span(from: start))
            case .leftBrace:
                _ = advance()
                var depth = 1
                while depth > 0, current.kind != .end {
                    let token = advance()
                    if token.kind == .leftBrace { depth += 1 }
                    if token.kind == .rightBrace { depth -= 1 }
                }
                return .entityRecord(makeName(parts), span(from: start))
            case .identifier:
                parts.append(try ident("a name"))
            default:
                throw unexpected("an identifier or a string after `::`")
            }
        }
        return .name(makeName(parts))
    }

    private mutating func name() throws(PolicyDiagnostic) -> CST.Name {
        var parts: [CST.Ident] = [try ident("a type name")]
        while accept(.doubleColon) != nil {
            parts.append(try ident("an identifier after `::`"))
        }
        return makeName(parts)
    }

    private func makeName(_ parts: [CST.Ident]) -> CST.Name {
        let last = parts[parts.count - 1]
        return CST.Name(path: Array(parts.dropLast()), name: last, span: parts[0].span.through(last.span))
    }
}
