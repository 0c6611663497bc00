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
    /// The language of the text rendering; the policies' own explanation stays as they word it.
    public let language: Language

    /// The view of `explanation`, its text in `language`.
    public init(_ explanation: AccessExplanation, language: Language = .english) {
        self.explanation = explanation
        self.language = language
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
        let catalogue = Catalogue.of(language)
        let user = explanation.user
        let networks = explanation.networks
        let consented = explanation.consented
        let italian = language == .italian
        let category = italian ? catalogue["category_\(explanation.category.rawValue)"] : explanation.category.rawValue
        let purpose =
            italian ? catalogue.strings["purpose_\(explanation.purpose)"] ?? explanation.purpose : explanation.purpose
        let reading = catalogue.text(
            "cli_explain_reading",
            [
                "user": user.id, "role": user.role.rawValue, "org": user.org, "category": category,
                "person": explanation.beneficiary, "purpose": purpose,
            ])
        var lines = [
            catalogue[explanation.decision.isAllowed ? "cli_explain_allow" : "cli_explain_deny"] + ": " + reading,
            "  " + catalogue.decisionExplanation(explanation.decision),
        ]
        if explanation.ownRecords { lines.append(catalogue["cli_explain_own_records"]) }
        let none = catalogue["cli_explain_none"]
        lines += [
            explanation.owner.map {
                catalogue.text("cli_explain_owner", ["owner": $0])
                    + ($0 == user.org ? catalogue["cli_explain_owner_yours"] : "")
            } ?? catalogue["cli_explain_owner_untold"],
            catalogue.text(
                "cli_explain_networks", ["networks": networks.isEmpty ? none : networks.joined(separator: ", ")]),
        ]
        if explanation.restricted { lines.append(catalogue["cli_explain_restricted"]) }
        if let emergency = explanation.emergency {
            lines.append(catalogue.text("cli_explain_emergency", ["id": emergency]))
        }
        let categories =
            consented.isEmpty
            ? none
            : consented.map { italian ? catalogue["category_\($0.rawValue)"] : $0.rawValue }.joined(separator: ", ")
        lines.append(
            catalogue.text("cli_explain_consented", ["categories": categories])
                + (explanation.explicitConsent ? catalogue["cli_explain_explicit_consent"] : ""))
        if explanation.grants.isEmpty {
            lines.append(catalogue["cli_explain_no_grants"])
        } else {
            lines.append(catalogue["cli_explain_grants"])
            for grant in explanation.grants {
                let grantee = (grant.granteeIsNetwork ? catalogue["cli_explain_grant_network"] : "") + grant.grantee
                let scope =
                    grant.scope.map(\.rawValue).joined(separator: ",")
                    + (grant.explicit ? catalogue["cli_explain_grant_explicit"] : "")
                    + (grant.expiresOn.map { catalogue.text("cli_explain_grant_until", ["day": $0]) } ?? "")
                lines.append(
                    catalogue.text(
                        "cli_explain_grant",
                        ["id": grant.id, "status": grant.status.rawValue, "grantee": grantee, "scope": scope]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
