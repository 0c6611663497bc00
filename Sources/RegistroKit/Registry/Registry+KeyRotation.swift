import Foundation

extension Registry {
    /// Rotates the key-encryption key: every beneficiary's data key is re-wrapped under the key
    /// of the next generation, in one transaction, without re-encrypting any field; the old
    /// key-encryption key then opens nothing. Returns the new generation and how many keys were
    /// re-wrapped.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless `agent` is a user the policies'
    ///   `rotate_keys` allows (admins); (internal) when another program's read transaction keeps
    ///   the old wrapped keys in the files.
    public func rotateKeys(by agent: Agent) throws -> (generation: Int, rewrapped: Int) {
        let fetched = try keys()
        let (next, rewrapped) = try writeAuditing { db -> (Int, Int) in
            let session = try Self.requireSession(agent)
            let user = session.user
            let decision = try Self.require(.rotateKeys, gate: session.gate(), audit: .rotateKeys, resource: .registry)
            // The generation read here, not the one fetched before the transaction: another
            // rotation may have committed in between.
            let keys = try fetched.atRecordedGeneration(db)
            let next = keys.generation + 1
            let nextKey = keys.root.derive(.keyEncryption(generation: next))
            let count = try BeneficiaryKeyRecord.rewrapAll(to: next, db) { record in
                let dataKey = try DataKeyWrapping.unwrap(
                    Array(record.wrappedKey), beneficiary: record.beneficiaryID,
                    kek: keys.keyEncryptionKey(generation: record.kekGeneration), generation: record.kekGeneration)
                return DataKeyWrapping.wrap(dataKey, beneficiary: record.beneficiaryID, kek: nextKey, generation: next)
            }
            try RegistryMetaRecord.update(Meta.keyGeneration, to: String(next), db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .rotateKeys, resource: .registry, subject: nil, category: nil, purpose: nil,
                    detail: "generation \(next), keys rewrapped: \(count)"),
                in: db)
            return (next, count)
        }
        replaceKeys(fetched.atGeneration(next))
        guard try database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError(
                .internal, field: nil,
                "the keys were rotated to generation \(next), but another program holds a read transaction open "
                    + "on the registry `\(location.database)`, so the files still hold the keys wrapped under the "
                    + "old key-encryption key; close it",
                hint: .runAgain(.rotateKeys),
                key: .storage(.rotationHeldOpen(location.database, generation: next)))
        }
        return (next, rewrapped)
    }
}
