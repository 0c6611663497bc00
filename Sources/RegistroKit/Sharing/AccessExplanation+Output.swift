extension AccessExplanation {
    /// The explanation as JSON.
    public var json: JSONValue {
        .object([
            ("beneficiary", .string(beneficiary)), ("owner", .text(owner)), ("user", .string(user.id)),
            ("role", .string(user.role.rawValue)), ("org", .string(user.org)), ("networks", .array(networks.map(JSONValue.string))),
            ("category", .string(category.rawValue)), ("purpose", .string(purpose)),
            ("decision", .string(decision.isAllowed ? "Allow" : "Deny")),
            ("policies", .array(decision.policies.map { .object([("id", .string($0.id)), ("name", .text($0.name))]) })),
            ("explanation", .string(decision.explanation)),
            ("consented", .array(consented.map { .string($0.rawValue) })), ("explicit_consent", .bool(explicitConsent)),
            ("grants", .array(grants.map(Registry.json))), ("emergency", .text(emergency)), ("restricted", .bool(restricted)),
        ])
    }

    /// The explanation as sentences for a terminal.
    public var text: String {
        var lines = [
            "\(decision.isAllowed ? "ALLOW" : "DENY"): \(user.id) (\(user.role.rawValue), \(user.org)) reading \(category.rawValue) of \(beneficiary) for \(purpose)",
            "  \(decision.explanation)",
            owner.map { "  owner of the record: \($0)\($0 == user.org ? " (your organisation)" : "")" }
                ?? "  owner of the record: not told (your organisation has no relationship to this person)",
            "  your organisation's networks: \(networks.isEmpty ? "none" : networks.joined(separator: ", "))",
        ]
        if restricted { lines.append("  the person's data is restricted (GDPR art. 18)") }
        if let emergency { lines.append("  emergency access \(emergency) is open for you") }
        lines.append("  categories consented now for this purpose: \(consented.isEmpty ? "none" : consented.map(\.rawValue).joined(separator: ", "))"
            + (explicitConsent ? " (with explicit consent)" : ""))
        if grants.isEmpty {
            lines.append("  no consent grant for this purpose to your organisation or its networks")
        } else {
            lines.append("  consent grants for this purpose to your organisation or its networks:")
            for grant in grants {
                lines.append("    \(grant.id) \(grant.status.rawValue): to \(grant.granteeIsNetwork ? "network " : "")\(grant.grantee), "
                    + "\(grant.scope.map(\.rawValue).joined(separator: ","))\(grant.explicit ? ", explicit" : "")"
                    + (grant.expiresOn.map { ", until \($0)" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
