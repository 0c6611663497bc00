import RegistroKit

/// A person's consent grants with their status now (`consent list`): one row each.
public struct ConsentListView: LocalisedTableView {
    /// What the view shows, for sentences.
    public static let noun = "a list of consent grants"

    /// The grants shown, in order.
    public let grants: [ConsentGrant]

    /// The language of the terminal headings.
    public let language: Language

    /// The view of `grants`, headed on a terminal in `language`.
    public init(_ grants: [ConsentGrant], language: Language = .english) {
        self.grants = grants
        self.language = language
    }

    /// `id`, `status`, `grantor`, `grantee` (`network:ID` for a network), `purpose`, `scope`,
    /// `explicit`, `given_at`, `expires_on`, `notice_version`, `evidence_digest`, `revoked_at`.
    public var table: Tabular {
        let columns = [
            "id", "status", "grantor", "grantee", "purpose", "scope", "explicit", "given_at", "expires_on",
            "notice_version", "evidence_digest", "revoked_at",
        ]
        return Tabular(
            columns: columns,
            rows: grants.map { grant in
                [
                    .string(grant.id), .string(grant.status.rawValue), .string(grant.grantor),
                    .string(grant.granteeIsNetwork ? "network:\(grant.grantee)" : grant.grantee),
                    .string(grant.purpose),
                    .array(grant.scope.map { .string($0.rawValue) }), .bool(grant.explicit), .string(grant.givenAt),
                    .text(grant.expiresOn), .string(grant.noticeVersion), .text(grant.evidenceDigest),
                    .text(grant.revokedAt),
                ]
            })
    }
}
