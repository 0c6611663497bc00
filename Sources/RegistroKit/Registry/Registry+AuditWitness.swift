import Foundation

extension Registry {
    /// Appends a signed checkpoint of the log's head to the witness when the log has grown
    /// since the witness's last line. The command-line tool calls it at the end of every
    /// command; a server calls it at most once a second while entries arrive (a call that finds
    /// nothing new reads the audit keys, the log's head and the witness's last line, and writes
    /// nothing).
    ///
    /// - Parameter witness: The witness; `nil` for the location's (`<db>.witness`).
    /// - Returns: The checkpoint appended; `nil` when the head was witnessed already, or when
    ///   the registry has no audit key of its own yet (`audit key --create` gives it one).
    /// - Throws: `RegistroError` (invalid data) when the audit key cannot be read or is not
    ///   this registry's, or the witness cannot be written.
    @discardableResult
    public func witnessAuditLog(to witness: AuditWitness? = nil) throws -> AuditCheckpoint? {
        let keys = try database.read { try AuditSigningKeys.load($0) }
        guard keys.currentIsOwn else { return nil }
        return try (witness ?? AuditWitness(path: location.witness)).appendCheckpoint { lastSeq in
            let head = try database.read { try AuditLog.head($0) }
            guard head.seq > (lastSeq ?? 0) else { return nil }
            // The key is read only when there is something to sign.
            return AuditCheckpoint.signed(seq: head.seq, head: head.hash, with: try ownAuditKey(keys))
        }
    }

    /// The key pair that signs new checkpoints: the registry's own, or for a registry made
    /// before audit keys of their own, the one derived from the root key.
    func auditSigningKey() throws -> Ed25519.KeyPair {
        let keys = try database.read { try AuditSigningKeys.load($0) }
        return keys.currentIsOwn ? try ownAuditKey(keys) : try self.keys().auditSigningKey
    }

    /// The registry's own audit key, read from its file and checked against the one recorded.
    private func ownAuditKey(_ keys: AuditSigningKeys) throws -> Ed25519.KeyPair {
        let key = try AuditKeyFile.load(at: location.auditKey)
        guard key.publicKey == keys.current else {
            throw RegistroError(
                .invalidData, field: nil,
                "the audit key `\(location.auditKey)` is not the one recorded in `\(location.database)`: "
                    + "it belongs to another registry, or the database was altered",
                key: .storage(.auditKeyNotThisRegistry(key: location.auditKey, database: location.database)))
        }
        return key
    }

    /// The witness's checkpoints, as references for the verifier: every one but the last (by
    /// entry) is vouched for by the last, whose signature covers the entries before it.
    static func references(in lines: [AuditWitness.Line], of witness: AuditWitness) -> [AuditVerifier.Reference] {
        let last = lines.indices.max { lines[$0].checkpoint.seq < lines[$1].checkpoint.seq }
        return lines.indices.map { index in
            AuditVerifier.Reference(
                checkpoint: lines[index].checkpoint,
                source: .witnessLine(lines[index].number, witness: witness.path),
                vouchedForByLater: index != last)
        }
    }
}
