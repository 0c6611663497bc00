import Foundation
import GRDB

extension Registry {
    /// The personal columns of `beneficiary`, in the order the case file shows them.
    static let personalColumns = [
        "given_name", "family_name", "codice_fiscale", "birth_date", "phone", "email", "address", "notes", "sensitive",
    ]

    /// Opens the sealed personal fields of `beneficiary`, by column; absent fields are left out.
    ///
    /// This is the one place that decrypts a person's record. It decides nothing: callers gate it
    /// (the owner's own views, the policy-checked case file) and audit it.
    ///
    /// - Throws: `RegistroError` when the person is unknown or erased, or a field does not open.
    func personalFields(of beneficiary: String) throws -> [String: String] {
        let keys = try keys()
        return try database.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(Self.personalColumns.joined(separator: ", ")) FROM beneficiary WHERE id = ?",
                arguments: [beneficiary])
            else {
                throw RegistroError.invalidData("no beneficiary `\(beneficiary)`; check the id")
            }
            let dataKey = try keys.dataKey(for: beneficiary, db)
            var fields: [String: String] = [:]
            for column in Self.personalColumns {
                guard let sealed = row[column] as Data? else { continue }
                fields[column] = try FieldSealing.open(
                    Array(sealed), at: FieldLocation(table: "beneficiary", column: column, row: beneficiary), with: dataKey)
            }
            return fields
        }
    }
}
