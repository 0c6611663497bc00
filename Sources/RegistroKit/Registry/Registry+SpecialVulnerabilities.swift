import Foundation

extension Registry {
    /// Refuses a registry still holding special-category vulnerability codes in clear.
    ///
    /// - Throws: `RegistroError` (invalid data) naming the command that seals them.
    static func refuseSpecialCodesInClear(_ database: RegistryDatabase) throws {
        let marked = try database.read { db in
            try RegistryMetaRecord.value(of: SpecialVulnerabilities.inClearKey, db) != nil
        }
        guard !marked else {
            throw RegistroError(
                .invalidData, field: nil,
                "the registry `\(database.path)` keeps special-category vulnerabilities (health, detention, …) "
                    + "in clear, as registro did before sealing them",
                hint: .sealSpecialVulnerabilities, key: .storage(.specialInClear(database.path)))
        }
    }

    /// Seals the special-category vulnerability codes a registry made by an older registro
    /// keeps in clear: each person's codes join their sealed list, under their data key, and
    /// the clear rows are deleted (overwritten, with `secure_delete`); an erased person's are
    /// only deleted. Returns how many people had codes sealed.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless `agent` is a user the policies'
    ///   `rotate_keys` allows (admins); (internal) when another program's read transaction keeps
    ///   the clear codes in the files.
    public func sealSpecialVulnerabilities(by agent: Agent) throws -> Int {
        let keys = try keys()
        let sealed = try writeAuditing { db -> Int in
            let session = try Self.requireSession(agent)
            let user = session.user
            // The policies' `rotate_keys` decides (admins), but a refusal names this command's work.
            let decision = session.gate().decide(.rotateKeys)
            guard decision.isAllowed else {
                throw AuditedDenial(
                    decision.auditEvent(
                        by: user, action: .rotateKeys, resource: .registry, subject: nil, category: nil, purpose: nil),
                    message: "`\(user.id)` (\(user.role.rawValue), \(user.org)) may not seal the special-category "
                        + "vulnerabilities kept in clear: \(decision.explanation)",
                    key: .specialSealingDenied(
                        user: user.id, role: user.role, org: user.org, reason: AccessDenialReason(decision)))
            }
            var byPerson: [String: [(org: String, code: String)]] = [:]
            for row in try ClearSpecialVulnerabilityRecord.all(db) where row.hasKey {
                byPerson[row.beneficiaryID, default: []].append((row.orgID, row.code))
            }
            for (beneficiary, entries) in byPerson {
                var list = try SpecialVulnerabilities.read(of: beneficiary, keys: keys, db)
                for entry in entries { list.add([entry.code], by: entry.org) }
                let box = FieldSealing.seal(
                    list.plaintext, at: SpecialVulnerabilities.location(of: beneficiary),
                    with: try keys.dataKey(for: beneficiary, db))
                try SpecialVulnerabilityRecord.store(Data(box), of: beneficiary, db)
            }
            try ClearSpecialVulnerabilityRecord.deleteAll(mark: SpecialVulnerabilities.inClearKey, db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .rotateKeys, resource: .registry, subject: nil, category: nil, purpose: nil,
                    detail: "special vulnerabilities sealed for people: \(byPerson.count)"),
                in: db)
            return byPerson.count
        }
        guard try database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError(
                .internal, field: nil,
                "the special-category vulnerabilities were sealed, but another program holds a read transaction "
                    + "open on the registry `\(database.path)`, so the files still hold them in clear; close it",
                hint: .runAgain(.sealSpecialVulnerabilities), key: .storage(.sealingHeldOpen(database.path)))
        }
        return sealed
    }
}
