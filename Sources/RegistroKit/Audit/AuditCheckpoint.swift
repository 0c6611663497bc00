import Foundation

/// A signed checkpoint of the audit log: the sequence number and hash of its head at a moment,
/// signed with the registry's Ed25519 audit key. A privacy officer keeps it outside the
/// registry; `audit verify --checkpoint` then detects a log truncated, rolled back or
/// rewritten behind it.
///
/// The signature covers the canonical encoding (`AuditEncoder`) of four values: the text
/// `registro/audit-checkpoint/v1`, the integer `seq`, the blob `head`, the text `time`.
public struct AuditCheckpoint: Sendable, Equatable {
    /// The sequence number of the head entry.
    public var seq: Int64
    /// The head entry's chain hash (32 bytes).
    public var head: [UInt8]
    /// When the checkpoint was made: UTC, ISO 8601 with milliseconds.
    public var time: String
    /// The Ed25519 public key of the registry's audit key (32 bytes).
    public var publicKey: [UInt8]
    /// The Ed25519 signature (64 bytes).
    public var signature: [UInt8]

    /// The file's `format` marker.
    static let formatName = "registro-audit-checkpoint"
    /// The first value of the signed message, naming what is signed.
    static let signatureDomain = "registro/audit-checkpoint/v1"

    /// Creates a checkpoint from its parts, as read from a file or the registry.
    public init(seq: Int64, head: [UInt8], time: String, publicKey: [UInt8], signature: [UInt8]) {
        self.seq = seq
        self.head = head
        self.time = time
        self.publicKey = publicKey
        self.signature = signature
    }

    /// A checkpoint of the head `(seq, head)` made now and signed with `key`.
    static func signed(seq: Int64, head: [UInt8], with key: Ed25519.KeyPair) -> AuditCheckpoint {
        let time = AuditTime.now()
        let message = signedMessage(seq: seq, head: head, time: time)
        return AuditCheckpoint(seq: seq, head: head, time: time, publicKey: key.publicKey, signature: key.sign(message))
    }

    /// The bytes the signature covers.
    static func signedMessage(seq: Int64, head: [UInt8], time: String) -> [UInt8] {
        AuditEncoder.encode { encoder in
            encoder.append(text: signatureDomain)
            encoder.append(seq)
            encoder.append(blob: head)
            encoder.append(text: time)
        }
    }

    /// Whether the signature is a valid Ed25519 signature, under `publicKey`, of this
    /// checkpoint's sequence number, head and time.
    public var hasValidSignature: Bool {
        head.count == BLAKE2b.digestLength
            && Ed25519.isValid(
                signature: signature, of: Self.signedMessage(seq: seq, head: head, time: time), publicKey: publicKey)
    }

    /// The checkpoint as the JSON document `audit checkpoint --out` writes.
    public var json: String {
        JSONValue.object([
            ("format", .string(Self.formatName)),
            ("version", .int(1)),
            ("seq", .int(seq)),
            ("head", .string(Hex.encode(head))),
            ("time", .string(time)),
            ("algorithm", .string("ed25519")),
            ("public_key", .string(Hex.encode(publicKey))),
            ("signature", .string(Hex.encode(signature))),
        ]).encoded(pretty: true) + "\n"
    }

    /// The JSON document of a checkpoint file.
    private struct Document: Decodable {
        var format: String
        var version: Int
        var seq: Int64
        var head: String
        var time: String
        var algorithm: String
        var publicKey: String
        var signature: String

        enum CodingKeys: String, CodingKey {
            case format, version, seq, head, time, algorithm, signature
            case publicKey = "public_key"
        }
    }

    /// Reads a checkpoint written by `json`.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The file's name, for errors.
    /// - Throws: `RegistroError` (invalid data) when the file is not such a checkpoint. The
    ///   signature is not checked here: `audit verify` does it.
    public static func parse(_ data: Data, source: String) throws -> AuditCheckpoint {
        guard let document = try? JSONDecoder().decode(Document.self, from: data), document.format == formatName else {
            throw RegistroError.invalidData(
                .checkpoint, "`\(source)` is not a Registro audit checkpoint", hint: .useCheckpointFile,
                key: .storage(.notACheckpoint(source)))
        }
        guard document.version == 1, document.algorithm == "ed25519" else {
            throw RegistroError(
                .invalidData, field: nil,
                "`\(source)` is a checkpoint of version \(document.version), algorithm `\(document.algorithm)`, which this registro does not know; upgrade registro",
                key: .storage(.checkpointNewer(source)))
        }
        guard let head = Hex.decode(document.head), head.count == BLAKE2b.digestLength,
            let publicKey = Hex.decode(document.publicKey), publicKey.count == Ed25519.publicKeyLength,
            let signature = Hex.decode(document.signature), signature.count == Ed25519.signatureLength,
            document.seq >= 1
        else {
            throw RegistroError(
                .invalidData, field: nil,
                "`\(source)` is a damaged audit checkpoint: its seq, head, public_key or signature is malformed",
                key: .storage(.checkpointDamaged(source)))
        }
        return AuditCheckpoint(
            seq: document.seq, head: head, time: document.time, publicKey: publicKey, signature: signature)
    }
}
