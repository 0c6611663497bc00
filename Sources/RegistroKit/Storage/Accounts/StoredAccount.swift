import Foundation
import GRDB

/// An account row with its operator, as a login reads it.
struct StoredAccount: Decodable, FetchableRecord {
    let user: Operator
    let passwordHash: String
    let mustChangePassword: Bool
    let disabled: Bool
    let lockedUntil: String?
    let totpSecret: Data?
    let totpConfirmed: Bool
    let totpLastStep: Int64?

    private enum CodingKeys: String, CodingKey {
        case id, name, role, disabled
        case orgID = "org_id"
        case passwordHash = "password_hash"
        case mustChangePassword = "must_change_password"
        case lockedUntil = "locked_until"
        case totpSecret = "totp_secret"
        case totpConfirmed = "totp_confirmed"
        case totpLastStep = "totp_last_step"
    }

    /// The account and operator columns of one row.
    init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        user = Operator(
            id: try row.decode(String.self, forKey: .id), name: try row.decode(String.self, forKey: .name),
            org: try row.decode(String.self, forKey: .orgID),
            role: Role(rawValue: try row.decode(String.self, forKey: .role))!)
        passwordHash = try row.decode(String.self, forKey: .passwordHash)
        mustChangePassword = try row.decode(Bool.self, forKey: .mustChangePassword)
        disabled = try row.decode(Bool.self, forKey: .disabled)
        lockedUntil = try row.decodeIfPresent(String.self, forKey: .lockedUntil)
        totpSecret = try row.decodeIfPresent(Data.self, forKey: .totpSecret)
        totpConfirmed = try row.decode(Bool.self, forKey: .totpConfirmed)
        totpLastStep = try row.decodeIfPresent(Int64.self, forKey: .totpLastStep)
    }

    /// The account of `userID`, `nil` when there is no such operator or they have no password.
    static func load(_ userID: String, _ db: Database) throws -> StoredAccount? {
        try StoredAccount.fetchOne(
            db,
            sql: """
                SELECT o.id, o.name, o.org_id, o.role, a.password_hash, a.must_change_password, a.disabled,
                    a.locked_until, a.totp_secret, a.totp_confirmed, a.totp_last_step
                FROM operator o JOIN account a ON a.user_id = o.id WHERE o.id = ?
                """,
            arguments: [userID])
    }
}
