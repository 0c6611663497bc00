/// Decides requests against a compiled policy set, as Cedar's authorizer does: a request is
/// allowed when some `permit` policy is satisfied and no `forbid` policy is; a policy whose
/// condition fails to evaluate is skipped and reported.
public struct Authorizer: Sendable {
    /// The policies requests are decided against.
    public let policies: PolicySet

    /// Creates an authorizer for `policies`.
    public init(policies: PolicySet) {
        self.policies = policies
    }

    /// Decides `request` against the policies, reading entity data from `entities`.
    ///
    /// Only the policies whose scope can match the request's action are evaluated.
    public func authorize(_ request: Request, entities: Entities) -> Decision {
        let evaluator = Evaluator(request: request, entities: entities)
        var permits: [Int] = []
        var forbids: [Int] = []
        var failures: [Decision.Failure] = []
        forEachCandidate(for: request.action, entities: entities) { index in
            let policy = policies.policies[index]
            guard evaluator.scopeMatches(policy) else { return }
            if let condition = policies.conditions[index] {
                do throws(EvaluationError) {
                    guard try evaluator.holds(condition) else { return }
                } catch {
                    failures.append(Decision.Failure(policy: policies.infos[index], error: error))
                    return
                }
            }
            if policy.effect == .permit { permits.append(index) } else { forbids.append(index) }
        }
        if !forbids.isEmpty {
            return Decision(outcome: .deny, reasons: forbids.map { policies.infos[$0] }, errors: failures)
        }
        if !permits.isEmpty {
            return Decision(outcome: .allow, reasons: permits.map { policies.infos[$0] }, errors: failures)
        }
        return Decision(outcome: .deny, reasons: [], errors: failures)
    }

    /// Calls `body` with the index of every policy whose action constraint may match `action`,
    /// in text order: those with no action constraint, and those naming the action or one of
    /// its ancestors.
    private func forEachCandidate(for action: EntityUID, entities: Entities, _ body: (Int) -> Void) {
        let wordCount = (policies.count + 63) / 64
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(wordCount, 1)) { marks in
            marks.initialize(repeating: 0)
            func mark(_ list: [Int]) {
                for index in list { marks[index >> 6] |= 1 << UInt64(index & 63) }
            }
            mark(policies.anyAction)
            if let direct = policies.byAction[action] { mark(direct) }
            if let stored = entities.stored(action) {
                for ancestor in stored.ancestors {
                    if let list = policies.byAction[ancestor] { mark(list) }
                }
            }
            for word in 0..<wordCount {
                var bits = marks[word]
                while bits != 0 {
                    let bit = bits.trailingZeroBitCount
                    body(word << 6 | bit)
                    bits &= bits - 1
                }
            }
        }
    }
}
