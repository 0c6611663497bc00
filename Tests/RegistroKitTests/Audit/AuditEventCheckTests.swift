import Testing

@testable import RegistroKit

/// Nothing but identifiers and codes reaches the audit log: an event carrying any other text in
/// any of its fields is refused before an entry is appended, naming the field, never the value.
@Suite struct AuditEventCheckTests {
    static let text = "Maria Rossi"

    static func refusal(_ event: AuditEvent) -> String? {
        do {
            try AuditEventCheck.requireSafe(event)
            return nil
        } catch let error as RegistroError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func anEventOfIdentifiersAndCodesPasses() {
        let event = AuditEvent(
            actor: "sw", org: "alfa", action: .read, resource: .beneficiary("B7K3M9Q2X4TA"), subject: "B7K3M9Q2X4TA",
            purpose: "invio", decision: .allow, policies: ["policy0"], consents: ["C1"], emergencyReference: "E1")
        #expect(Self.refusal(event) == nil)
    }

    @Test func everyFieldHoldingOtherTextIsRefusedByNameWithoutItsValue() {
        let events: [(String, AuditEvent)] = [
            ("actor", AuditEvent(actor: Self.text, action: .read, decision: .allow)),
            ("org", AuditEvent(org: Self.text, action: .read, decision: .allow)),
            ("subject", AuditEvent(action: .read, subject: Self.text, decision: .allow)),
            ("purpose", AuditEvent(action: .read, purpose: Self.text, decision: .allow)),
            ("emergency_ref", AuditEvent(action: .read, decision: .allow, emergencyReference: Self.text)),
            ("policies", AuditEvent(action: .read, decision: .allow, policies: ["policy0", Self.text])),
            ("consents", AuditEvent(action: .read, decision: .allow, consents: [Self.text])),
        ]
        for (field, event) in events {
            let message = Self.refusal(event)
            #expect(message?.contains("audit entry's \(field) is not an identifier") == true, "\(field)")
            #expect(message?.contains(Self.text) == false, "\(field)")
        }
        let digest = AuditEvent(action: .read, decision: .allow, fileDigest: [1, 2, 3])
        #expect(Self.refusal(digest)?.contains("file digest") == true)
    }
}
