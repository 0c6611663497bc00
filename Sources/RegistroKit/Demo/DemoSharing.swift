import GRDB

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
        let people = try database.read { db -> (String, String, String, String, String)? in
            guard let shared = try Row.fetchOne(db, sql: """
                SELECT b.id, b.owner_org, MIN(d.org_id) AS partner FROM beneficiary b JOIN delivery d ON d.beneficiary_id = b.id
                WHERE d.org_id != b.owner_org GROUP BY b.id ORDER BY b.ref LIMIT 1
                """),
                let atRisk = try Row.fetchOne(db, sql: """
                SELECT b.id, o.territory, b.owner_org FROM beneficiary b JOIN organisation o ON o.id = b.owner_org
                WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.beneficiary_id = b.id AND d.org_id != b.owner_org)
                ORDER BY b.ref LIMIT 1
                """),
                let helper = try String.fetchOne(db, sql: """
                    SELECT id FROM organisation WHERE territory = ? AND id != ? AND id != ? ORDER BY id LIMIT 1
                    """, arguments: [atRisk["territory"] as String, atRisk["owner_org"] as String, DemoNetwork.maintainer])
            else { return nil }
            return (shared["id"] as String, shared["owner_org"] as String, shared["partner"] as String, atRisk["id"] as String, helper)
        }
        guard let (shared, owner, partner, atRisk, helper) = people else { return nil }
        var request = ConsentRequest(beneficiary: shared, grantee: DemoNetwork.network.id, purpose: purpose, scope: [.identity, .needs, .services])
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
