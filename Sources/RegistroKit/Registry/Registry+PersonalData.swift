import Foundation

extension Registry {
    /// The personal columns of `beneficiary`, in the order the case file shows them.
    static let personalColumns = [
        "given_name", "family_name", "codice_fiscale", "birth_date", "phone", "email", "address", "notes", "sensitive",
    ]

    /// Opens the sealed personal fields of `beneficiary`, by column; absent fields are left out.
    ///
    /// This and `deliveryNotes` are the only places that decrypt a person's record. They decide
    /// nothing: callers gate them (the policy-checked case file, subject export) and audit them.
    ///
    /// - Throws: `RegistroError` when the person is unknown or erased, or a field does not open.
    static func personalFields(
        of beneficiary: String, keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws -> [String: String] {
        try personalFields(of: beneficiary, dataKey: keys.dataKey(for: beneficiary, db), db)
    }

    /// Opens the sealed personal fields of `beneficiary` with `dataKey`, their data key, asked
    /// for once the person is found: a caller that opens more of the person's data passes the
    /// key it unwrapped once.
    ///
    /// - Throws: `RegistroError` when the person is unknown or erased, or a field does not open.
    static func personalFields(
        of beneficiary: String, dataKey: @autoclosure () throws -> SecretKey, _ db: RegistryDatabase.Connection
    ) throws -> [String: String] {
        guard let row = try SealedPersonalFields.fetch(beneficiary, columns: personalColumns, db) else {
            throw RegistroError.notFound(
                .beneficiary, "no beneficiary `\(beneficiary)`; check the id", key: .personNotFound(beneficiary))
        }
        let dataKey = try dataKey()
        var fields: [String: String] = [:]
        for column in personalColumns {
            guard let sealed = row[column] else { continue }
            fields[column] = try FieldSealing.open(
                Array(sealed), at: FieldLocation(table: "beneficiary", column: column, row: beneficiary), with: dataKey)
        }
        return fields
    }

    /// Opens the sealed notes of a delivery to `beneficiary`.
    static func deliveryNotes(
        _ sealed: Data, delivery: Int64, beneficiary: String, keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws -> String {
        try FieldSealing.open(
            Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(delivery)),
            with: keys.dataKey(for: beneficiary, db))
    }

    /// Opens the sealed personal fields of `beneficiary` on a snapshot of the database.
    func personalFields(of beneficiary: String) throws -> [String: String] {
        let keys = try keys()
        return try database.read { db in try Self.personalFields(of: beneficiary, keys: keys, db) }
    }
}
