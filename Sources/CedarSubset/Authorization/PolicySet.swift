/// A compiled set of policies: parsed and checked once, indexed by the actions their scopes
/// name, and safe to share between threads. Deciding a request never parses or decodes
/// anything.
public struct PolicySet: Sendable {
    /// A policy's identity: its positional id, its `@id` annotation and where it starts.
    public struct PolicyInfo: Hashable, Sendable {
        /// The positional id Cedar gives it: `policy0`, `policy1`, … in text order.
        public let id: String
        /// The value of its `@id` annotation, if it has one.
        public let annotatedID: String?
        /// Whether it permits or forbids.
        public let effect: Effect
        /// The file it comes from, when known.
        public let file: String?
        /// Where it starts.
        public let location: SourceLocation
    }

    let policies: [Policy]
    /// Each policy as the authorizer runs it.
    let compiled: [CompiledPolicy]
    /// Identity of each policy, in order.
    public let infos: [PolicyInfo]
    /// Policies whose scope names no action.
    let anyAction: [Int]
    /// Policies by the actions their scope names with `==` or `in`.
    let byAction: [EntityUID: [Int]]

    /// Parses and compiles the policies of one text.
    /// - Parameters:
    ///   - text: the policies, in Cedar syntax.
    ///   - file: the file name diagnostics name.
    /// - Throws: ``PolicyError`` listing every syntax error and every construct outside the
    ///   supported subset, each as `FILE:LINE:COL: problem`.
    public init(text: String, file: String? = nil) throws(PolicyError) {
        try self.init(sources: [(file: file, text: text)])
    }

    /// Parses and compiles the policies of several texts, numbered as if the texts were one:
    /// the first policy of the second text follows the last of the first.
    /// - Throws: ``PolicyError`` listing the problems of every text.
    public init(sources: [(file: String?, text: String)]) throws(PolicyError) {
        var policies: [Policy] = []
        var infos: [PolicyInfo] = []
        var diagnostics: [PolicyDiagnostic] = []
        for source in sources {
            let (cst, syntaxErrors) = Parser.parsePolicies(source.text)
            diagnostics += syntaxErrors.map { $0.inFile(source.file) }
            let converter = PolicyConverter()
            for node in cst {
                do {
                    let policy = try converter.policy(node, index: policies.count)
                    policies.append(policy)
                    infos.append(
                        PolicyInfo(
                            id: policy.id, annotatedID: policy.annotatedID, effect: policy.effect, file: source.file,
                            location: policy.location))
                } catch {
                    diagnostics.append(error.inFile(source.file))
                }
            }
        }
        guard diagnostics.isEmpty else {
            throw PolicyError(diagnostics.sorted { ($0.file ?? "", $0.location!) < ($1.file ?? "", $1.location!) })
        }
        self.init(policies: policies, infos: infos)
    }

    private init(policies: [Policy], infos: [PolicyInfo]) {
        self.policies = policies
        self.compiled = policies.map(CompiledPolicy.init)
        self.infos = infos
        var anyAction: [Int] = []
        var byAction: [EntityUID: [Int]] = [:]
        for (index, policy) in policies.enumerated() {
            switch policy.action {
            case .any:
                anyAction.append(index)
            case .equal(let action):
                byAction[action, default: []].append(index)
            case .in(let actions):
                for action in Set(actions) { byAction[action, default: []].append(index) }
            }
        }
        self.anyAction = anyAction
        self.byAction = byAction
    }

    /// The number of policies.
    public var count: Int { policies.count }
}

/// What deciding a request needs of a policy, in one shared object so that the authorizer's
/// loop copies a reference rather than the policy's fields.
final class CompiledPolicy: Sendable {
    let effect: Effect
    let principal: EntityConstraint
    let action: ActionConstraint
    let resource: EntityConstraint
    /// The condition with its literal sets and records built once.
    let condition: Expr?

    init(_ policy: Policy) {
        effect = policy.effect
        principal = policy.principal
        action = policy.action
        resource = policy.resource
        condition = policy.condition?.folded
    }
}
