/// A checkpoint as one line of a witness file: six fields separated by single spaces, the
/// marker `registro-witness/v1`, then the sequence number in decimal, the head in hex, the
/// time, the public key in hex and the signature in hex. The signature is the checkpoint's
/// (the same signed message as a checkpoint file's).
extension AuditCheckpoint {
    /// The first field of every witness line.
    static let witnessMarker = "registro-witness/v1"

    /// The line, with its final line feed.
    public var witnessLine: String {
        [Self.witnessMarker, String(seq), Hex.encode(head), time, Hex.encode(publicKey), Hex.encode(signature)]
            .joined(separator: " ") + "\n"
    }

    /// The checkpoint written as `line` (without its line feed), or `nil` when the line is not
    /// such a checkpoint.
    public init?(witnessLine line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == Self.witnessMarker,
            let seq = Int64(fields[1]), seq >= 1,
            let head = Hex.decode(String(fields[2])), head.count == BLAKE2b.digestLength,
            fields[3].utf8.count == 24,  // the entries' time format, 2026-11-22T09:30:00.123Z
            let publicKey = Hex.decode(String(fields[4])), publicKey.count == Ed25519.publicKeyLength,
            let signature = Hex.decode(String(fields[5])), signature.count == Ed25519.signatureLength
        else { return nil }
        self.init(seq: seq, head: head, time: String(fields[3]), publicKey: publicKey, signature: signature)
    }
}
