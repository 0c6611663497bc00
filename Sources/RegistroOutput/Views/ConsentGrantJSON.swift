import RegistroKit

/// A consent grant as JSON, the same in an access explanation and in a subject export.
enum ConsentGrantJSON {
    /// Every field of the grant, `null` where not recorded; `grantee_kind` says whether the
    /// grantee is a network or an organisation.
    static func object(_ grant: ConsentGrant) -> JSONValue {
        .object([
            ("id", .string(grant.id)), ("grantor", .string(grant.grantor)), ("grantee", .string(grant.grantee)),
            ("grantee_kind", .string(grant.granteeIsNetwork ? "network" : "organisation")),
            ("purpose", .string(grant.purpose)), ("scope", .array(grant.scope.map { .string($0.rawValue) })),
            ("explicit", .bool(grant.explicit)), ("status", .string(grant.status.rawValue)),
            ("given_at", .string(grant.givenAt)), ("expires_on", .text(grant.expiresOn)),
            ("notice_version", .string(grant.noticeVersion)), ("evidence_digest", .text(grant.evidenceDigest)),
            ("recorded_by", .string(grant.recordedBy)), ("revoked_at", .text(grant.revokedAt)),
            ("revoked_by", .text(grant.revokedBy)),
        ])
    }
}
