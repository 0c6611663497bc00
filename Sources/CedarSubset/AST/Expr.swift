/// A request variable.
enum Variable: String, Sendable {
    case principal, action, resource, context
}

/// The binary operators the evaluator applies after evaluating both operands.
enum BinaryOp: Sendable {
    case equal, less, lessEqual, add, subtract, multiply, `in`, contains, containsAll, containsAny

    /// The operator as written in policies, for messages.
    var text: String {
        switch self {
        case .equal: "=="
        case .less: "<"
        case .lessEqual: "<="
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .in: "in"
        case .contains: ".contains"
        case .containsAll: ".containsAll"
        case .containsAny: ".containsAny"
        }
    }
}

/// An expression of the abstract syntax tree, with the span of text it came from.
///
/// Operators Cedar defines by others are built from them as Cedar builds them:
/// `a != b` is `!(a == b)`, `a > b` is `!(a <= b)`, `a >= b` is `!(a < b)`,
/// `e is T in x` is `e is T && e in x`, and `e has a.b` is `e has a && e.a has b`.
struct Expr: Sendable {
    indirect enum Kind: Sendable {
        case literal(Value)
        case variable(Variable)
        case ifThenElse(Expr, Expr, Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case not(Expr)
        case negate(Expr)
        case binary(BinaryOp, Expr, Expr)
        case isEmpty(Expr)
        case getAttribute(Expr, ScalarString)
        case hasAttribute(Expr, ScalarString)
        case like(Expr, Pattern)
        case isType(Expr, String)
        case set([Expr])
        case record([(ScalarString, Expr)])
    }

    let kind: Kind
    let span: SourceSpan
}

extension Expr {
    /// The expression with every set and record literal whose elements are all literals built
    /// once, as a value: what the evaluator runs (validation keeps the expression as written).
    var folded: Expr {
        func fold(_ expr: Expr) -> Expr {
            let kind: Kind
            switch expr.kind {
            case .literal, .variable:
                return expr
            case .ifThenElse(let a, let b, let c): kind = .ifThenElse(fold(a), fold(b), fold(c))
            case .and(let a, let b): kind = .and(fold(a), fold(b))
            case .or(let a, let b): kind = .or(fold(a), fold(b))
            case .not(let a): kind = .not(fold(a))
            case .negate(let a): kind = .negate(fold(a))
            case .binary(let op, let a, let b): kind = .binary(op, fold(a), fold(b))
            case .isEmpty(let a): kind = .isEmpty(fold(a))
            case .getAttribute(let a, let name): kind = .getAttribute(fold(a), name)
            case .hasAttribute(let a, let name): kind = .hasAttribute(fold(a), name)
            case .like(let a, let pattern): kind = .like(fold(a), pattern)
            case .isType(let a, let type): kind = .isType(fold(a), type)
            case .set(let elements):
                let folded = elements.map(fold)
                let values = folded.compactMap { element -> Value? in
                    if case .literal(let value) = element.kind { return value }
                    return nil
                }
                kind = values.count == folded.count ? .literal(.set(Set(values))) : .set(folded)
            case .record(let entries):
                let folded = entries.map { ($0.0, fold($0.1)) }
                var storage: [ScalarString: Value] = [:]
                for (key, value) in folded {
                    if case .literal(let literal) = value.kind { storage[key] = literal }
                }
                kind = storage.count == folded.count ? .literal(.record(Record(storage: storage))) : .record(folded)
            }
            return Expr(kind: kind, span: expr.span)
        }
        return fold(self)
    }
}
