@testable import RegistroKit

/// Values of the registry's kinds, made by hand, for the renderers to render.
enum Fixtures {
    /// An audit entry with the fields a test sets and plain values elsewhere.
    static func entry(
        _ seq: Int64, action: String = "read", actor: String? = "p-sw", org: String? = "beta", subject: String? = "B1",
        category: String? = "identity", purpose: String? = "presa_in_carico_condivisa", decision: String = "allow",
        consents: [String] = [], emergency: String? = nil
    ) -> AuditEntry {
        AuditEntry(
            version: 1, seq: seq, time: "2026-11-0\(seq)T10:00:00.000Z", actor: actor, org: org, action: action,
            resource: subject.map { "beneficiary:\($0)" }, subject: subject, category: category, purpose: purpose,
            decision: decision, policies: ["policy\(seq)"], policySet: [0xab], emergency: emergency != nil,
            emergencyReference: emergency, consents: consents, rowCount: nil, fileDigest: nil, detail: nil,
            previousHash: [0x01], hash: [0x02])
    }

    /// An overview with one row in every section but the withdrawn-consent and serving ones.
    static let overview = AuditOverview(
        entries: 5, firstTime: "2026-11-01T10:00:00.000Z", lastTime: "2026-11-05T10:00:00.000Z", denials: 2,
        lastCheckpoint: nil,
        denialsByOrganisation: [.init(org: "beta", actor: nil, actions: ["lookup", "read"], count: 2, lastTime: "t2")],
        denialsByUser: [.init(org: "beta", actor: "p-sw", actions: ["lookup", "read"], count: 2, lastTime: "t2")],
        emergencyAccesses: [entry(3, category: "sensitive", emergency: "3")],
        sensitiveReads: [entry(3, category: "sensitive", consents: ["C1", "C2"], emergency: "3")],
        readsUnderWithdrawnConsent: [],
        reportSeries: [
            .init(
                actor: "coord", org: "alfa", count: 2, lastTime: "t4",
                details: [
                    "deliveries by org; measure hours; period all dates; min cell 7; perturbed",
                    "deliveries by org,sex; measure hours; period all dates; min cell 7; perturbed",
                ])
        ])

    /// A verification of the overview's five entries.
    static let verification = AuditVerification(
        entries: 5, head: [0xcd], checkpoints: 0, failure: nil, schemaChange: nil, witness: nil, missingWitness: nil)

    /// A case file with identity visible and everything else hidden, and one delivery.
    static let caseFile = CaseFile(
        beneficiary: "B1", owner: "alfa", purpose: "presa_in_carico_condivisa",
        sections: CaseCategory.allCases.map { category in
            category == .identity
                ? .init(
                    category: category, visible: true,
                    data: [("given_name", .string("Anna")), ("birth_year", .int(1985))], reason: "permitted by policy2")
                : .init(category: category, visible: false, data: [], reason: "no policy permits it (default deny)")
        },
        deliveries: [
            .init(
                id: 7, org: "alfa", serviceCode: "RT.LAV01", date: "2020-02-03", hours: 1.5, channel: nil,
                outcome: nil, impact: 8, project: nil, notes: "a, \"quoted\" note")
        ],
        emergency: nil)

    /// A one-dimensional report table with a suppressed cell.
    static let report = ReportTable(
        report: "deliveries", title: "People served by axis", measure: .beneficiaries, dimensions: [.axis],
        period: ReportPeriod(), minCell: 5,
        rows: [
            ReportRow(values: ["lavoro"], value: 12, suppressed: false),
            ReportRow(values: ["housing"], value: nil, suppressed: true),
            ReportRow(values: ["_total"], value: 15, suppressed: false),
        ])
}
