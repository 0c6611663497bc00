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
        var failures: [Decision.Failure] = []
        let wordCount = max((policies.count + 63) / 64, 1)
        // Three bit sets on the stack: candidates, then satisfied permits and forbids.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * wordCount) { marks in
            marks.initialize(repeating: 0)
            markCandidates(for: request.action, entities: entities, in: marks)
            var anyPermit = false
            var anyForbid = false
            for word in 0..<wordCount {
                var bits = marks[word]
                while bits != 0 {
                    let index = word << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    let policy = policies.compiled[index]
                    guard evaluator.scopeMatches(policy) else { continue }
                    if let condition = policy.condition {
                        do throws(EvaluationError) {
                            guard try evaluator.holds(condition) else { continue }
                        } catch {
                            failures.append(Decision.Failure(policy: policies.infos[index], error: error))
                            continue
                        }
                    }
                    let isForbid = policy.effect == .forbid
                    if isForbid { anyForbid = true } else { anyPermit = true }
                    marks[(isForbid ? 2 : 1) * wordCount + word] |= 1 << UInt64(index & 63)
                }
            }
            guard anyForbid || anyPermit else { return Decision(outcome: .deny, reasons: [], errors: failures) }
            var reasons: [PolicySet.PolicyInfo] = []
            let base = (anyForbid ? 2 : 1) * wordCount
            for word in 0..<wordCount {
                var bits = marks[base + word]
                while bits != 0 {
                    reasons.append(policies.infos[word << 6 | bits.trailingZeroBitCount])
                    bits &= bits - 1
                }
            }
            return Decision(outcome: anyForbid ? .deny : .allow, reasons: reasons, errors: failures)
        }
    }

    /// Marks, in the first bit set of `marks`, every policy whose action constraint may match
    /// `action`: those with no action constraint, and those naming the action or one of its
    /// ancestors.
    private func markCandidates(for action: EntityUID, entities: Entities, in marks: UnsafeMutableBufferPointer<UInt64>)
    {
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
    }
}
