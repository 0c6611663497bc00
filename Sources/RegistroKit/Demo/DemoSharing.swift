/// The sharing the demo shows: a consent grant to the network, a partner's view of the case it
/// opens, and a social worker breaking the glass for a person at risk.
public struct DemoSharing: Sendable {
    /// The consent grant recorded by the owner's social worker.
    public var consent: String
    /// Who recorded it, and the partner who then reads the case.
    public var owner: String, partner: String
    /// The case as the partner sees it: the consented categories only.
    public var partnerView: CaseFile
    /// The social worker who opened an emergency access, and the case as they saw it.
    public var emergencyUser: String
    /// The case read under the emergency access.
    public var emergencyView: CaseFile
}

extension Registry {
    /// Records what the demo shows of sharing: the owner of a person served by two
    /// organisations grants the network `identity`, `needs` and `services` for shared case
    /// management; the other organisation reads the case; a social worker of a third
    /// organisation opens an emergency access on someone with no consent at all. `nil` when the
    /// registry is too small to have both a person served by two organisations and one served
    /// by their owner only.
    func demoSharing() throws -> DemoSharing? {
        let purpose = "presa_in_carico_condivisa"
        let cast = try database.read { db in try DemoQueries.sharingCast(excluding: DemoNetwork.maintainer, db) }
        guard let (shared, owner, partner, atRisk, helper) = cast else { return nil }
        var request = ConsentRequest(
            beneficiary: shared, grantee: DemoNetwork.network.id, purpose: purpose,
            scope: [.identity, .needs, .services])
        request.expires = "2030-12-31"
        request.evidenceReference = "modulo firmato, protocollo demo"
        let consent = try session(as: "\(owner)-sw").sharing.grantConsent(request)
        let partnerView = try session(as: "\(partner)-sw").sharing.caseFile(of: shared, purpose: purpose)
        let emergencyView = try session(as: "\(helper)-sw").sharing.caseFile(
            of: atRisk, purpose: purpose, emergencyReason: "persona a rischio: segnalazione urgente")
        return DemoSharing(
            consent: consent, owner: "\(owner)-sw", partner: "\(partner)-sw", partnerView: partnerView,
            emergencyUser: "\(helper)-sw", emergencyView: emergencyView)
    }
}
