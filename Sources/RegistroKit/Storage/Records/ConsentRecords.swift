import Foundation
import GRDB

/// A row of `consent_grant`: a consent (or a refusal) as recorded, never changed afterwards.
struct ConsentGrantRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_grant"

    /// The columns of `consent_grant`.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let beneficiaryID = Column(CodingKeys.beneficiaryID)
        static let givenAt = Column(CodingKeys.givenAt)
    }

    var id: String
    var beneficiaryID: String
    var grantorOrg: String
    var granteeOrg: String?
    var granteeNetwork: String?
    var purpose: String
    /// The categories, as `ConsentScope.text` writes them.
    var scope: String
    var explicit: Bool
    var given: Bool
    var givenAt: String
    var expiresOn: String?
    var noticeVersion: String
    /// The sealed reference to the paper evidence.
    var evidenceReference: Data?
    var evidenceDigest: String?
    var recordedBy: String

    enum CodingKeys: String, CodingKey {
        case id, purpose, scope, explicit, given
        case beneficiaryID = "beneficiary_id"
        case grantorOrg = "grantor_org"
        case granteeOrg = "grantee_org"
        case granteeNetwork = "grantee_network"
        case givenAt = "given_at"
        case expiresOn = "expires_on"
        case noticeVersion = "notice_version"
        case evidenceReference = "evidence_reference"
        case evidenceDigest = "evidence_digest"
        case recordedBy = "recorded_by"
    }

    /// Inserts the grant.
    func add(_ db: Database) throws {
        try insert(db)
    }

    /// The grant `id`, if there is one.
    static func find(_ id: String, _ db: Database) throws -> ConsentGrantRecord? {
        try ConsentGrantRecord.fetchOne(db, key: id)
    }

    /// Every consent grant of `beneficiary`, oldest first, with its status on `today`.
    static func grants(of beneficiary: String, today: CalendarDate, _ db: Database) throws -> [ConsentGrant] {
        let records = try ConsentGrantRecord.filter(Columns.beneficiaryID == beneficiary)
            .order(Columns.givenAt, Columns.id).fetchAll(db)
        let revocations = try Dictionary(
            uniqueKeysWithValues:
                ConsentRevocationRecord
                .filter(records.map(\.id).contains(ConsentRevocationRecord.Columns.grantID))
                .fetchAll(db).map { ($0.grantID, $0) })
        let today = today.description
        return records.map { record in
            let revocation = revocations[record.id]
            let status: ConsentStatus =
                !record.given
                ? .refused
                : revocation != nil
                    ? .withdrawn
                    : record.expiresOn.map { $0 < today } == true ? .expired : .given
            return ConsentGrant(
                id: record.id, beneficiary: beneficiary, grantor: record.grantorOrg,
                grantee: record.granteeNetwork ?? record.granteeOrg ?? "",
                granteeIsNetwork: record.granteeNetwork != nil,
                purpose: record.purpose,
                scope: CaseCategory.allCases.filter(ConsentScope.categories(record.scope).contains),
                explicit: record.explicit, status: status, givenAt: record.givenAt, expiresOn: record.expiresOn,
                noticeVersion: record.noticeVersion, evidenceDigest: record.evidenceDigest,
                recordedBy: record.recordedBy,
                revokedAt: revocation?.revokedAt, revokedBy: revocation?.revokedBy)
        }
    }

    /// Records the organisations that are members of `network` now as the ones grant `id` covers.
    static func recordMembers(of id: String, network: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO consent_grant_member (grant_id, org_id)
                SELECT ?, org_id FROM network_member WHERE network_id = ?
                """,
            arguments: [id, network])
    }
}

/// A row of `consent_revocation`: the withdrawal of a grant.
struct ConsentRevocationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_revocation"

    /// The columns of `consent_revocation`.
    enum Columns {
        static let grantID = Column(CodingKeys.grantID)
    }

    var grantID: String
    var revokedAt: String
    var revokedBy: String
    /// Why, sealed under the person's data key.
    var reason: Data

    enum CodingKeys: String, CodingKey {
        case reason
        case grantID = "grant_id"
        case revokedAt = "revoked_at"
        case revokedBy = "revoked_by"
    }

    /// Inserts the revocation.
    func add(_ db: Database) throws {
        try insert(db)
    }

    /// Whether grant `id` was revoked.
    static func exists(grant id: String, _ db: Database) throws -> Bool {
        try ConsentRevocationRecord.fetchOne(db, key: id) != nil
    }
}
