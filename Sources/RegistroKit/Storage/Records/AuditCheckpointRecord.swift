import Foundation
import GRDB

/// A row of `audit_checkpoint`: a signed checkpoint the registry keeps of its own log.
struct AuditCheckpointRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "audit_checkpoint"

    /// The columns of `audit_checkpoint`.
    enum Columns {
        static let seq = Column(CodingKeys.seq)
    }

    var seq: Int64
    var head: Data
    var time: String
    var publicKey: Data
    var signature: Data

    enum CodingKeys: String, CodingKey {
        case seq, head, time, signature
        case publicKey = "public_key"
    }

    /// The row of `checkpoint`.
    init(_ checkpoint: AuditCheckpoint) {
        seq = checkpoint.seq
        head = Data(checkpoint.head)
        time = checkpoint.time
        publicKey = Data(checkpoint.publicKey)
        signature = Data(checkpoint.signature)
    }

    /// The checkpoint as the library uses it.
    var checkpoint: AuditCheckpoint {
        AuditCheckpoint(
            seq: seq, head: Array(head), time: time, publicKey: Array(publicKey), signature: Array(signature))
    }

    /// Keeps `checkpoint` in the registry.
    static func store(_ checkpoint: AuditCheckpoint, _ db: Database) throws {
        try AuditCheckpointRecord(checkpoint).insert(db)
    }

    /// Every checkpoint kept in the registry, oldest first.
    static func all(_ db: Database) throws -> [AuditCheckpoint] {
        try AuditCheckpointRecord.order(Columns.seq).fetchAll(db).map(\.checkpoint)
    }
}
