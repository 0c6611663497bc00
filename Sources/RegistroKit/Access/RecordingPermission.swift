/// Whether the importing user may record for each person an import matches, decided once per
/// person by the gate (a restricted person's data is used by nobody), with the denials kept
/// for the audit log.
final class RecordingPermission {
    private let gate: AccessGate
    private let db: RegistryDatabase.Connection
    /// The people allowed, at most `rememberedLimit`: ids only, in a set whose room is made once,
    /// so an import of many people neither grows it step by step nor holds an answer each.
    private var allowed: Set<String>
    /// The people refused, with why; all kept, so that none is decided and audited twice.
    private var refused: [String: Refusal] = [:]
    /// How many people allowed are remembered: past it, they are forgotten (decided again by the
    /// gate if met again, like any person an import matches), so that memory does not grow with
    /// an import of many people.
    let rememberedLimit: Int
    /// The denials met so far, to record once the import's transaction has rolled back.
    private(set) var denials: [AuditEvent] = []

    /// Decides for `gate.user` on `db`, remembering at most `rememberedLimit` people allowed.
    ///
    /// People the import creates are never asked about: recording for them was decided with the
    /// import itself (the gate allowed `record` of a new record owned by the organisation), and a
    /// person created a moment ago is neither restricted nor erased.
    init(gate: AccessGate, _ db: RegistryDatabase.Connection, rememberedLimit: Int = 1 << 16) {
        self.gate = gate
        self.db = db
        self.rememberedLimit = rememberedLimit
        allowed = Set(minimumCapacity: rememberedLimit)
    }

    /// Why the user may not record a delivery for `beneficiary`: the library's sentence and its
    /// typed form.
    struct Refusal {
        /// The sentence, in the library's English.
        let message: String
        /// Its typed form.
        let key: RegistroMessage
    }

    /// `nil` when the user may record a delivery for `beneficiary`, else why not.
    func problem(recordingFor beneficiary: String) throws -> Refusal? {
        if allowed.contains(beneficiary) { return nil }
        if let known = refused[beneficiary] { return known }
        let subject = try CaseSubject.load(beneficiary, db)
        let decision = gate.decide(.record, .services, of: subject, owner: gate.user.org, purpose: nil)
        var problem: Refusal?
        if !decision.isAllowed {
            // An organisation with no relationship to the person is not told why (a restriction).
            let related = try subject.isRelated(to: gate.user.org, networks: gate.networks, db)
            problem =
                related
                ? Refusal(
                    message: "this person's data may not be used: \(decision.explanation)",
                    key: .recordingRefused(AccessDenialReason(decision)))
                : Refusal(
                    message: "this person's data may not be used by your organisation",
                    key: .recordingRefusedToOrganisation)
            denials.append(
                decision.auditEvent(
                    by: gate.user, action: .record, resource: .beneficiary(beneficiary), subject: beneficiary,
                    category: .services, purpose: nil))
        } else if subject.erased {
            problem = Refusal(
                message: "this person was erased; nothing more is recorded about them", key: .personErased)
        }
        remember(problem, for: beneficiary)
        return problem
    }

    /// How many people allowed are remembered now, at most `rememberedLimit`.
    var rememberedCount: Int { allowed.count }

    private func remember(_ problem: Refusal?, for beneficiary: String) {
        if let problem {
            refused[beneficiary] = problem
            return
        }
        if allowed.count >= rememberedLimit {
            allowed.removeAll(keepingCapacity: true)
        }
        allowed.insert(beneficiary)
    }
}
