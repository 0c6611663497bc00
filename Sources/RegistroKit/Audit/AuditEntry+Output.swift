extension AuditEntry {
    /// The columns of `audit log --format json|csv`, the SPEC §8 keys first: `seq`, `time`,
    /// `actor`, `org`, `action`, `resource`, `category`, `purpose`, `decision`, `policies`,
    /// `hash`, then the other fields of the entry.
    public static let columns = [
        "seq", "time", "actor", "org", "action", "resource", "category", "purpose", "decision", "policies", "hash",
        "subject", "consents", "emergency", "emergency_ref", "row_count", "file_digest", "detail", "policy_set",
        "prev_hash",
    ]

    /// The columns of `audit log` on a terminal: what a person reads.
    public static let terminalColumns = [
        "seq", "time", "actor", "org", "action", "resource", "category", "purpose", "decision", "policies", "detail",
    ]

    /// The entry's values, one per name in `columns`.
    public var values: [JSONValue] {
        [
            .int(seq), .string(time), .text(actor), .text(org), .string(action), .text(resource), .text(category),
            .text(purpose), .string(decision), .array(policies.map(JSONValue.string)), .string(Hex.encode(hash)),
            .text(subject), .array(consents.map(JSONValue.string)), .bool(emergency), .text(emergencyReference),
            rowCount.map(JSONValue.int) ?? .null, .text(fileDigest.map { Hex.encode($0) }), .text(detail),
            .string(Hex.encode(policySet)), .string(Hex.encode(previousHash)),
        ]
    }

    /// The entry's values, one per name in `terminalColumns`.
    public var terminalValues: [JSONValue] {
        let all = Dictionary(uniqueKeysWithValues: zip(Self.columns, values))
        return Self.terminalColumns.map { all[$0] ?? .null }
    }

    /// `entries` as a table, with every column or only the terminal ones.
    public static func table(_ entries: [AuditEntry], terminal: Bool) -> Tabular {
        terminal
            ? Tabular(columns: terminalColumns, rows: entries.map(\.terminalValues))
            : Tabular(columns: columns, rows: entries.map(\.values))
    }
}
