import Foundation
import GRDB

extension Registry {
    /// Rotates the key-encryption key: every beneficiary's data key is re-wrapped under the key
    /// of the next generation, in one transaction, without re-encrypting any field; the old
    /// key-encryption key then opens nothing. Returns the new generation and how many keys were
    /// re-wrapped.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `rotate_keys` allows
    ///   it (admins); (internal) when another program's read transaction keeps the old wrapped
    ///   keys in the files.
    public func rotateKeys(actor: String?) throws -> (generation: Int, rewrapped: Int) {
        let keys = try keys()
        let next = keys.generation + 1
        let nextKey = keys.root.derive(.keyEncryption(generation: next))
        let rewrapped = try writeAuditing { db -> Int in
            let user = try requireOperator(actor, db)
            let decision = try require(.rotateKeys, gate: try AccessGate(user: user, db), audit: .rotateKeys, resource: .registry)
            let wrapped = try Row.fetchAll(db, sql: "SELECT beneficiary_id, kek_generation, wrapped_key FROM beneficiary_key")
            let update = try db.makeStatement(sql: "UPDATE beneficiary_key SET kek_generation = ?, wrapped_key = ? WHERE beneficiary_id = ?")
            for row in wrapped {
                let beneficiary: String = row["beneficiary_id"]
                let generation: Int = row["kek_generation"]
                let dataKey = try DataKeyWrapping.unwrap(
                    Array(row["wrapped_key"] as Data), beneficiary: beneficiary, kek: keys.keyEncryptionKey(generation: generation),
                    generation: generation)
                let rewrapped = DataKeyWrapping.wrap(dataKey, beneficiary: beneficiary, kek: nextKey, generation: next)
                try update.execute(arguments: [next, Data(rewrapped), beneficiary])
            }
            try db.execute(
                sql: "UPDATE registry_meta SET value = ? WHERE key = ?", arguments: [String(next), Meta.keyGeneration])
            try AuditLog.append(
                decision.auditEvent(by: user, action: .rotateKeys, resource: .registry, subject: nil, category: nil, purpose: nil,
                                    detail: "generation \(next), keys rewrapped: \(wrapped.count)"),
                in: db)
            return wrapped.count
        }
        replaceKeys(KeyMaterial(root: keys.root, generation: next))
        guard try database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError.internal(
                "the keys were rotated to generation \(next), but another program holds a read transaction open "
                    + "on the registry `\(location.database)`, so the files still hold the keys wrapped under the "
                    + "old key-encryption key; close it and run `registro keys rotate` again")
        }
        return (next, rewrapped)
    }
}
