import CedarSubset
import Foundation

/// The one gate every use of personal data passes. It turns "may user U do A on category C of
/// beneficiary B for purpose P, now?" into a Cedar request — principal `User` (attributes `role`,
/// `org`; parent its `Organisation`, whose parents are its `Network`s), resource a `CaseSection`
/// (`beneficiary`, `category`, `owner`, `restricted`), context `purpose`, `consented`,
/// `explicit_consent`, `emergency`, `now` — and decides it with the registry's policies
/// (`Policies/`). Callers record every decision in the audit log.
struct AccessGate {
    /// The user asking.
    let user: Operator
    /// The networks the user's organisation belongs to.
    let networks: [String]
    /// The time of the decisions.
    private(set) var now: Date
    private let entities: Entities
    private let authorizer = Authorizer(policies: RegistryPolicies.compiled)

    /// A gate for `user`, reading their organisation's networks from `db`.
    init(user: Operator, _ db: RegistryDatabase.Connection, now: Date = Date()) throws {
        self.user = user
        self.now = now
        networks = try AccessGateRows.networks(of: user.org, db)
        let organisation = EntityUID(type: "Organisation", id: user.org)
        var known = [
            Entity(
                uid: Self.uid(of: user),
                attributes: ["role": .string(user.role.rawValue), "org": .entity(organisation)],
                parents: [organisation]),
            Entity(
                uid: organisation, attributes: [:], parents: Set(networks.map { EntityUID(type: "Network", id: $0) })),
            Entity(uid: Self.registry, attributes: [:]),
        ]
        known += networks.map { Entity(uid: EntityUID(type: "Network", id: $0), attributes: [:]) }
        do {
            entities = try Entities(known)
        } catch {
            throw RegistroError.internal("the access request could not be built: \(error)")
        }
    }

    /// The same gate deciding at `now`: a session's gate, reused for each of its requests.
    func at(_ now: Date) -> AccessGate {
        var gate = self
        gate.now = now
        return gate
    }

    static func uid(of user: Operator) -> EntityUID { EntityUID(type: "User", id: user.id) }
    static let registry = EntityUID(type: "Registry", id: "registry")

    /// The time as the policies see it: seconds since 1970.
    var nowSeconds: Int64 { Int64(now.timeIntervalSince1970) }

    /// Decides `action` on the registry as a whole (reports, the audit log, keys).
    func decide(_ action: AccessAction) -> AccessDecision {
        precondition(!action.isAboutAPerson, "\(action) is about a person")
        let request = Request(
            principal: Self.uid(of: user), action: EntityUID(type: "Action", id: action.rawValue),
            resource: Self.registry,
            context: Record(["now": .long(nowSeconds)]))
        return decision(authorizer.authorize(request, entities: entities), consents: [], emergency: nil)
    }

    /// Decides `action` on `category` of `subject` for `purpose`.
    ///
    /// - Parameters:
    ///   - owner: The organisation owning the section; by default the person's owner. For
    ///     `record`, the organisation that will own the new record (the user's own).
    ///   - consent: The consent grants active for this person, purpose and the user's
    ///     organisation (`consent(for:purpose:)`).
    ///   - emergency: The id of an emergency access open for the user on this person.
    func decide(
        _ action: AccessAction, _ category: CaseCategory, of subject: CaseSubject, owner: String? = nil,
        purpose: String?, consent: ConsentState = ConsentState(grants: []), emergency: String? = nil
    ) -> AccessDecision {
        decide(
            action, category, requests(on: subject, purpose: purpose, consent: consent, emergency: emergency),
            owner: owner)
    }

    /// What the requests about one person for one purpose share, built once for all the
    /// categories a case file decides: the context (purpose, consent, emergency, time) and the
    /// case section's attributes but its category.
    struct PersonRequests {
        /// The person.
        let subject: CaseSubject
        /// The consent grants active for the person, the purpose and the user's organisation.
        let consent: ConsentState
        /// The id of an emergency access open for the user on the person.
        let emergency: String?
        fileprivate let context: Record
        fileprivate let section: Record
    }

    /// The requests about `subject` for `purpose`, with `consent` and `emergency` as
    /// `decide(_:_:of:owner:purpose:consent:emergency:)` takes them.
    func requests(
        on subject: CaseSubject, purpose: String?, consent: ConsentState = ConsentState(grants: []),
        emergency: String? = nil
    ) -> PersonRequests {
        PersonRequests(
            subject: subject, consent: consent, emergency: emergency,
            context: Record([
                "purpose": .string(purpose ?? ""),
                "consented": .set(Set(consent.consented.map { Value.string($0.rawValue) })),
                "explicit_consent": .bool(consent.explicitConsent),
                "emergency": .bool(emergency != nil),
                "now": .long(nowSeconds),
            ]),
            section: Record([
                "beneficiary": .string(subject.id),
                "owner": .entity(EntityUID(type: "Organisation", id: subject.owner)),
                "restricted": .bool(subject.restricted),
            ]))
    }

    /// Decides `action` on `category` of the person of `requests`, in the section owned by
    /// `owner` (by default the person's owner).
    func decide(
        _ action: AccessAction, _ category: CaseCategory, _ requests: PersonRequests, owner: String? = nil
    ) -> AccessDecision {
        precondition(action.isAboutAPerson, "\(action) is about the registry")
        let subject = requests.subject
        var attributes = requests.section
        attributes["category"] = .string(category.rawValue)
        if let owner, owner != subject.owner {
            attributes["owner"] = .entity(EntityUID(type: "Organisation", id: owner))
        }
        let section = EntityUID(type: "CaseSection", id: subject.id + "/" + category.rawValue)
        let request = Request(
            principal: Self.uid(of: user), action: EntityUID(type: "Action", id: action.rawValue), resource: section,
            context: requests.context)
        let outcome = authorizer.authorize(
            request, entities: entities.adding(Entity(uid: section, attributes: attributes)))
        guard outcome.isAllowed else { return decision(outcome, consents: [], emergency: nil) }
        return decision(
            outcome,
            consents: outcome.reasons.contains { $0.annotatedID == "partner-reads-consented" }
                ? requests.consent.grants(opening: category) : [],
            emergency: outcome.reasons.contains { $0.annotatedID == "emergency-access" } ? requests.emergency : nil)
    }

    /// The consent grants active now for `subject`, `purpose` and the user's organisation.
    func consent(for subject: CaseSubject, purpose: String, _ db: RegistryDatabase.Connection) throws -> ConsentState {
        try ConsentState.load(
            beneficiary: subject.id, purpose: purpose, organisation: user.org, networks: networks,
            today: CalendarDate.today(at: now), db)
    }

    /// The emergency access the user has open on `subject` for `purpose`, if any: one opened
    /// for another purpose does not count.
    func openEmergencyAccess(
        on subject: CaseSubject, purpose: String, _ db: RegistryDatabase.Connection
    ) throws -> String? {
        try AccessGateRows.openEmergencyAccess(
            on: subject.id, user: user.id, purpose: purpose, now: Timestamp.format(now), db)
    }

    /// Whether the user's organisation shares a network with `organisation`.
    func sharesNetwork(with organisation: String, _ db: RegistryDatabase.Connection) throws -> Bool {
        try AccessGateRows.isMember(organisation, ofAnyOf: networks, db)
    }

    /// The count of changes to what the gate's decisions depend on (consent, emergency
    /// accesses, restrictions, erasures, network membership, owners, users' organisations,
    /// roles and disabling): equal in two transactions when none of them changed in between.
    /// `nil` when it cannot be read, which never counts as unchanged.
    static func generation(_ db: RegistryDatabase.Connection) throws -> Int64? {
        try AccessGateRows.accessGeneration(db)
    }

    private func decision(_ outcome: Decision, consents: [String], emergency: String?) -> AccessDecision {
        AccessDecision(
            isAllowed: outcome.isAllowed,
            policies: outcome.reasons.map { ($0.id, $0.annotatedID) },
            errors: outcome.errors.map { "\($0.policy.id): \($0.error)" },
            consents: consents, emergency: emergency)
    }
}
