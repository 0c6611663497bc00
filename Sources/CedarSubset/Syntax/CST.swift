/// The concrete syntax tree: policy text as Cedar's grammar reads it, before the checks that
/// turn it into the abstract syntax tree (reserved words, literal ranges, which operators may
/// chain, which expressions may stand after `has`, `is` and `like`).
enum CST {
    /// An identifier or keyword as written.
    struct Ident {
        let text: Substring
        let span: SourceSpan
    }

    /// `@key` or `@key("value")`.
    struct Annotation {
        let key: Ident
        let value: Token?
        let span: SourceSpan
    }

    /// One policy: annotations, effect, scope variables and conditions.
    struct Policy {
        let annotations: [Annotation]
        let effect: Ident
        let variables: [VariableDef]
        let conditions: [Condition]
        let span: SourceSpan
        /// The span of the closing parenthesis of the scope, where a missing variable is reported.
        let scopeEnd: SourceSpan
    }

    /// `variable [: Name] [is Add] [(== | in | …) Expr]` in the scope.
    struct VariableDef {
        let variable: Ident
        let typeAnnotation: Name?
        let entityType: Add?
        let relation: (op: RelOp, expr: Expr)?
        let span: SourceSpan
    }

    /// `when { Expr }` or `unless { Expr }` (the body may be missing, which is reported later).
    struct Condition {
        let keyword: Ident
        let body: Expr?
        let span: SourceSpan
    }

    /// `if Expr then Expr else Expr`, or an `||` chain.
    indirect enum Expr {
        case ifThenElse(Expr, Expr, Expr, SourceSpan)
        case or(Or)

        var span: SourceSpan {
            switch self {
            case .ifThenElse(_, _, _, let span): span
            case .or(let or): or.span
            }
        }
    }

    struct Or {
        let initial: And
        let extended: [And]
        let span: SourceSpan
    }

    struct And {
        let initial: Relation
        let extended: [Relation]
        let span: SourceSpan
    }

    enum RelOp: Equatable {
        case less, lessEqual, greaterEqual, greater, notEqual, equal, `in`, invalidSingleEqual
    }

    enum Relation {
        case common(Add, [(RelOp, Add)], SourceSpan)
        case has(Add, Add, SourceSpan)
        case like(Add, Add, SourceSpan)
        case isIn(Add, Add, Add?, SourceSpan)

        var span: SourceSpan {
            switch self {
            case .common(_, _, let span), .has(_, _, let span), .like(_, _, let span), .isIn(_, _, _, let span):
                span
            }
        }
    }

    enum AddOp { case plus, minus }
    enum MultOp { case times, divide, modulo }

    struct Add {
        let initial: Mult
        let extended: [(AddOp, Mult)]
        let span: SourceSpan
    }

    struct Mult {
        let initial: Unary
        let extended: [(MultOp, Unary)]
        let span: SourceSpan
    }

    enum NegOp {
        case bang(Int)
        case dash(Int)
    }

    struct Unary {
        let op: NegOp?
        let item: Member
        let span: SourceSpan
    }

    struct Member {
        let item: Primary
        let access: [MemAccess]
        let span: SourceSpan
    }

    enum MemAccess {
        case field(Ident, SourceSpan)
        case call([Expr], SourceSpan)
        case index(Expr, SourceSpan)

        var span: SourceSpan {
            switch self {
            case .field(_, let span), .call(_, let span), .index(_, let span): span
            }
        }
    }

    /// `Ident {:: Ident}`.
    struct Name {
        let path: [Ident]
        let name: Ident
        let span: SourceSpan
    }

    indirect enum Primary {
        case literal(Token)
        /// `Name::"id"`.
        case entity(Name, Token, SourceSpan)
        /// `Name::{ … }`, which Cedar parses but does not accept.
        case entityRecord(Name, SourceSpan)
        case name(Name)
        case slot(Token)
        case parenthesized(Expr, SourceSpan)
        case list([Expr], SourceSpan)
        case record([(Expr, Expr)], SourceSpan)

        var span: SourceSpan {
            switch self {
            case .literal(let token), .slot(let token): token.span
            case .entity(_, _, let span), .entityRecord(_, let span), .parenthesized(_, let span),
                .list(_, let span), .record(_, let span):
                span
            case .name(let name): name.span
            }
        }
    }
}
