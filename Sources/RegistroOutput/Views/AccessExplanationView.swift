import RegistroKit

/// Why a user may or may not read a category of a person's case file (`policy explain`): the
/// decision and its policies, then the facts that fed it; as sentences, as JSON, and as CSV of
/// one row.
public struct AccessExplanationView: TextView, CSVView {
    /// What the view shows, for sentences.
    public static let noun = "an access explanation"

    /// The explanation shown.
    public let explanation: AccessExplanation

    /// The view of `explanation`.
    public init(_ explanation: AccessExplanation) {
        self.explanation = explanation
    }

    private var decisionWord: String {
        explanation.decision.isAllowed ? "Allow" : "Deny"
    }

    /// Every fact as a key and value: the JSON object, and the CSV's columns.
    private var fields: [(String, JSONValue)] {
        let explanation = explanation
        return [
            ("beneficiary", .string(explanation.beneficiary)), ("owner", .text(explanation.owner)),
            ("user", .string(explanation.user.id)), ("role", .string(explanation.user.role.rawValue)),
            ("org", .string(explanation.user.org)), ("networks", .array(explanation.networks.map(JSONValue.string))),
            ("category", .string(explanation.category.rawValue)), ("purpose", .string(explanation.purpose)),
            ("decision", .string(decisionWord)),
            (
                "policies",
                .array(
                    explanation.decision.policies.map {
                        .object([("id", .string($0.id)), ("name", .text($0.name))])
                    })
            ),
            ("explanation", .string(explanation.decision.explanation)),
            ("own_records", .bool(explanation.ownRecords)),
            ("consented", .array(explanation.consented.map { .string($0.rawValue) })),
            ("explicit_consent", .bool(explanation.explicitConsent)),
            ("grants", .array(explanation.grants.map(ConsentGrantJSON.object))),
            ("emergency", .text(explanation.emergency)),
            ("restricted", .bool(explanation.restricted)),
        ]
    }

    /// The decision, the policies that made it, and the facts that fed it.
    public var json: JSONValue {
        .object(fields)
    }

    /// One row of the JSON's keys; policies by their ids and grants by `id status`, so that
    /// every cell is plain text.
    public var csv: Tabular {
        let row = fields.map { key, value -> JSONValue in
            switch key {
            case "policies": .array(explanation.decision.policies.map { .string($0.id) })
            case "grants": .array(explanation.grants.map { .string("\($0.id) \($0.status.rawValue)") })
            default: value
            }
        }
        return Tabular(columns: fields.map(\.0), rows: [row])
    }

    /// The decision in a sentence, then one indented line per fact.
    public var text: String {
        let explanation = explanation
        let user = explanation.user
        let networks = explanation.networks
        let consented = explanation.consented
        let reading =
            "\(user.id) (\(user.role.rawValue), \(user.org)) reading \(explanation.category.rawValue) of "
            + "\(explanation.beneficiary) for \(explanation.purpose)"
        var lines = [
            "\(decisionWord.uppercased()): \(reading)",
            "  \(explanation.decision.explanation)",
        ]
        if explanation.ownRecords {
            lines.append(
                "  on your organisation's own deliveries to the person only; the rest of the record is closed to you")
        }
        lines += [
            explanation.owner.map { "  owner of the record: \($0)\($0 == user.org ? " (your organisation)" : "")" }
                ?? "  owner of the record: not told (your organisation has no relationship to this person)",
            "  your organisation's networks: \(networks.isEmpty ? "none" : networks.joined(separator: ", "))",
        ]
        if explanation.restricted { lines.append("  the person's data is restricted (GDPR art. 18)") }
        if let emergency = explanation.emergency { lines.append("  emergency access \(emergency) is open for you") }
        lines.append(
            "  categories consented now for this purpose: "
                + (consented.isEmpty ? "none" : consented.map(\.rawValue).joined(separator: ", "))
                + (explanation.explicitConsent ? " (with explicit consent)" : ""))
        if explanation.grants.isEmpty {
            lines.append("  no consent grant for this purpose to your organisation or its networks")
        } else {
            lines.append("  consent grants for this purpose to your organisation or its networks:")
            for grant in explanation.grants {
                let grantee = (grant.granteeIsNetwork ? "network " : "") + grant.grantee
                lines.append(
                    "    \(grant.id) \(grant.status.rawValue): to \(grantee), "
                        + "\(grant.scope.map(\.rawValue).joined(separator: ","))\(grant.explicit ? ", explicit" : "")"
                        + (grant.expiresOn.map { ", until \($0)" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
