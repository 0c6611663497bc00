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

    /// Whether `line` (without its line feed) is the beginning of a witness line cut short, as
    /// a crash in the middle of an append leaves it: every field but the last whole, the last
    /// the start of one, and the line shorter than a whole one.
    public static func isCutShortWitnessLine(_ line: Substring) -> Bool {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard !line.isEmpty, fields.count <= 6, AuditCheckpoint(witnessLine: line) == nil else { return false }
        func isHex(_ field: Substring) -> Bool { field.allSatisfy(\.isHexDigit) }
        let wholeLengths = [witnessMarker.count, 0, BLAKE2b.digestLength * 2, 24, Ed25519.publicKeyLength * 2]
        for (index, field) in fields.enumerated() {
            let isLast = index == fields.count - 1
            let fits: Bool
            switch index {
            case 0: fits = isLast ? witnessMarker.hasPrefix(field) : field == witnessMarker
            case 1: fits = field.allSatisfy(\.isASCII) && field.allSatisfy(\.isNumber) && (isLast || !field.isEmpty)
            case 3: fits = field.allSatisfy { $0.isASCII && ($0.isNumber || "-T:.Z".contains($0)) }
            default: fits = isHex(field)
            }
            guard fits else { return false }
            if index != 1 && index < wholeLengths.count {
                guard isLast ? field.count <= wholeLengths[index] : field.count == wholeLengths[index] else {
                    return false
                }
            } else if index == 5 {
                guard field.count < Ed25519.signatureLength * 2 else { return false }
            }
        }
        return true
    }
}
