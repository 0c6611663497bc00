import Foundation
import GRDB

extension Registry {
    /// Rotates the key-encryption key: every beneficiary's data key is re-wrapped under the key
    /// of the next generation, in one transaction, without re-encrypting any field; the old
    /// key-encryption key then opens nothing. Returns the new generation and how many keys were
    /// re-wrapped.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless `agent` is a user the policies'
    ///   `rotate_keys` allows (admins).
    public func rotateKeys(by agent: Agent) throws -> (generation: Int, rewrapped: Int) {
        let keys = try keys()
        let next = keys.generation + 1
        let nextKey = keys.root.derive(.keyEncryption(generation: next))
        let rewrapped = try writeAuditing { db -> Int in
            let session = try Self.requireSession(agent)
            let user = session.user
            let decision = try Self.require(.rotateKeys, gate: session.gate(), audit: .rotateKeys, resource: .registry)
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
        try database.checkpoint()
        replaceKeys(KeyMaterial(root: keys.root, generation: next))
        return (next, rewrapped)
    }
}
