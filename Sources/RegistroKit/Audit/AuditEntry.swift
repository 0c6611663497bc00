import Foundation

/// An entry of the audit log as stored: the values of its row, shown as they are (a tampered
/// row shows what it holds now; `audit verify` says whether it is genuine).
public struct AuditEntry: Sendable, Equatable {
    /// The encoding version, 1.
    public var version: Int64
    /// The sequence number, from 1.
    public var seq: Int64
    /// UTC time, ISO 8601 with milliseconds.
    public var time: String
    /// The operator acting, `nil` while the registry had no user.
    public var actor: String?
    /// The actor's organisation.
    public var org: String?
    /// The action, e.g. `read` or `record` (see `AuditAction`).
    public var action: String
    /// What it was done to, as `kind:id`.
    public var resource: String?
    /// The beneficiary concerned, by pseudonymous id.
    public var subject: String?
    /// The case-file category.
    public var category: String?
    /// The purpose code.
    public var purpose: String?
    /// `allow` or `deny`.
    public var decision: String
    /// The determining policy ids.
    public var policies: [String]
    /// BLAKE2b-256 of the policy set in force.
    public var policySet: [UInt8]
    /// Whether it was an emergency access.
    public var emergency: Bool
    /// The emergency access's id.
    public var emergencyReference: String?
    /// The consent grant ids that fed the decision.
    public var consents: [String]
    /// Rows imported, for an import.
    public var rowCount: Int64?
    /// The imported file's BLAKE2b-256 digest.
    public var fileDigest: [UInt8]?
    /// The short note.
    public var detail: String?
    /// The previous entry's hash.
    public var previousHash: [UInt8]
    /// This entry's chain hash.
    public var hash: [UInt8]

    /// Whether the entry reads or receives a person's data (`read`, `lookup`, `export`).
    public var isRead: Bool {
        AuditAction(rawValue: action)?.isRead ?? false
    }

    /// Writes the canonical encoding of the entry (without the previous hash) to `encoder`.
    func encode(into encoder: inout AuditEncoder) {
        encoder.append(version)
        encoder.append(seq)
        encoder.append(text: time)
        encoder.append(actor) { $0.append(text: $1) }
        encoder.append(org) { $0.append(text: $1) }
        encoder.append(text: action)
        encoder.append(resource) { $0.append(text: $1) }
        encoder.append(subject) { $0.append(text: $1) }
        encoder.append(category) { $0.append(text: $1) }
        encoder.append(purpose) { $0.append(text: $1) }
        encoder.append(text: decision)
        encoder.append(text: Self.joined(policies))
        encoder.append(blob: policySet)
        encoder.append(emergency ? 1 : 0)
        encoder.append(emergencyReference) { $0.append(text: $1) }
        encoder.append(text: Self.joined(consents))
        encoder.append(rowCount) { $0.append($1) }
        encoder.append(fileDigest) { $0.append(blob: $1) }
        encoder.append(detail) { $0.append(text: $1) }
    }

    /// A list as stored: its items joined by commas.
    static func joined(_ items: [String]) -> String {
        // Most lists of a read hold one policy and no consent.
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.joined(separator: separator)
        }
    }

    /// `AuditChain.listSeparator` as a text.
    private static let separator = String(AuditChain.listSeparator)

    /// A list as stored, split into its items.
    static func split(_ text: String) -> [String] {
        text.isEmpty
            ? [] : text.split(separator: AuditChain.listSeparator, omittingEmptySubsequences: false).map(String.init)
    }
}
