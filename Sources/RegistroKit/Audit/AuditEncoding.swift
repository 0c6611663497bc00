import Foundation

/// The canonical byte encoding of audit entries (Docs/PRIVACY.md, "Audit log"): the values of
/// the encoded columns, in the order of `AuditColumn.encoded`, each written as
///
/// - NULL: the byte `0x00`;
/// - an integer: `0x01`, then the value as 8 bytes, big-endian two's complement;
/// - a text: `0x02`, then its UTF-8 length as 4 bytes big-endian, then the UTF-8 bytes;
/// - a blob: `0x03`, then its length as 4 bytes big-endian, then the bytes.
///
/// The tag follows the value's SQLite storage class, which the STRICT table fixes, so a
/// verifier reading the rows with any SQLite binding encodes exactly what registro hashed.
struct AuditEncoder: ~Copyable {
    private var bytes = GrowingBytes(capacity: 512)

    /// An encoder with room for 512 bytes. Prefer `encode(_:)`.
    init() {}

    /// The bytes `body` writes into a fresh encoder.
    static func encode(_ body: (inout AuditEncoder) -> Void) -> [UInt8] {
        var encoder = AuditEncoder()
        body(&encoder)
        return encoder.bytes.array
    }

    /// The bytes written, valid until the next write.
    var written: UnsafeRawBufferPointer {
        bytes.written
    }

    /// Starts again with `prefix` (the previous entry's hash, for the chain), keeping the
    /// memory.
    mutating func reset(prefix: [UInt8]) {
        bytes.removeAll()
        prefix.withUnsafeBytes { bytes.append($0) }
    }

    /// Writes a NULL.
    mutating func appendNull() {
        bytes.append(0x00)
    }

    /// Writes an integer.
    mutating func append(_ value: Int64) {
        bytes.append(0x01)
        bytes.append(bigEndian: value)
    }

    /// Writes a text.
    mutating func append(text: String) {
        var text = text
        text.withUTF8 { appendTagged(0x02, UnsafeRawBufferPointer($0)) }
    }

    /// Writes a text already in UTF-8.
    mutating func append(utf8: UnsafeRawBufferPointer) {
        appendTagged(0x02, utf8)
    }

    /// Writes a blob.
    mutating func append(blob: UnsafeRawBufferPointer) {
        appendTagged(0x03, blob)
    }

    /// Writes a blob.
    mutating func append(blob: [UInt8]) {
        blob.withUnsafeBytes { appendTagged(0x03, $0) }
    }

    /// Writes an optional value with `write`, or NULL.
    mutating func append<T>(_ value: T?, _ write: (inout AuditEncoder, T) -> Void) {
        if let value { write(&self, value) } else { appendNull() }
    }

    private mutating func appendTagged(_ tag: UInt8, _ payload: UnsafeRawBufferPointer) {
        bytes.append(tag)
        bytes.append(bigEndian: UInt32(payload.count))
        bytes.append(payload)
    }
}

/// A column of `audit_entry` and the SQLite type it holds.
struct AuditColumn: Sendable {
    /// The storage class of a column's non-NULL values.
    enum StorageType: Sendable {
        case integer, text, blob
    }

    /// The column's name.
    let name: String
    /// Its type.
    let type: StorageType

    /// The encoded columns, in encoding order: every column but `prev_hash` and `hash`.
    static let encoded: [AuditColumn] = [
        .init(name: "version", type: .integer),
        .init(name: "seq", type: .integer),
        .init(name: "time", type: .text),
        .init(name: "actor", type: .text),
        .init(name: "org", type: .text),
        .init(name: "action", type: .text),
        .init(name: "resource", type: .text),
        .init(name: "subject", type: .text),
        .init(name: "category", type: .text),
        .init(name: "purpose", type: .text),
        .init(name: "decision", type: .text),
        .init(name: "policies", type: .text),
        .init(name: "policy_set", type: .blob),
        .init(name: "emergency", type: .integer),
        .init(name: "emergency_ref", type: .text),
        .init(name: "consents", type: .text),
        .init(name: "row_count", type: .integer),
        .init(name: "file_digest", type: .blob),
        .init(name: "detail", type: .text),
    ]

    /// Every column of `audit_entry` in table order, comma-separated: the encoded ones, then
    /// `prev_hash` and `hash`.
    static let allNames = (encoded.map(\.name) + ["prev_hash", "hash"]).joined(separator: ", ")
}

/// The audit log's chain: entry n's hash is BLAKE2b-256 (unkeyed) of entry n−1's hash followed
/// by entry n's canonical encoding; before entry 1 stands a hash of 32 zero bytes.
enum AuditChain {
    /// The hash that precedes the first entry.
    static let genesis = [UInt8](repeating: 0, count: BLAKE2b.digestLength)

    /// The separator of lists (policy ids, consent ids) stored as one text.
    static let listSeparator: Character = ","

    /// The hash of an entry, given `chained`: the previous hash followed by the entry's
    /// canonical encoding.
    static func hash(_ chained: some ContiguousBytes) -> [UInt8] {
        BLAKE2b.hash(chained)
    }
}
