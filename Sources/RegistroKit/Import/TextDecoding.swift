/// Decodes the fields of a spreadsheet export as UTF-8 or Windows-1252, the two encodings
/// Italian offices produce. The file's encoding is decided by its first field that is not
/// plain ASCII (or by a UTF-8 byte order mark): valid UTF-8 there means UTF-8 throughout,
/// anything else means Windows-1252. A later field that is not valid UTF-8 in a UTF-8 file is
/// an error, never guessed.
struct TextDecoding {
    /// The encodings of a file.
    enum Encoding: String {
        case utf8 = "UTF-8"
        case windows1252 = "Windows-1252"
    }

    /// The file's encoding, once decided.
    private(set) var encoding: Encoding?

    /// Starts decoding a file; `utf8` when the file began with a UTF-8 byte order mark.
    init(knownUTF8: Bool) {
        encoding = knownUTF8 ? .utf8 : nil
    }

    /// The text of `bytes`.
    ///
    /// - Throws: `FieldProblem` when the bytes are not valid in the file's encoding.
    mutating func decode(_ bytes: some Collection<UInt8>) throws(FieldProblem) -> String {
        if bytes.withContiguousStorageIfAvailable(Self.isASCII) ?? bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        switch encoding {
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FieldProblem(
                    "is not valid UTF-8 although the file's earlier text is; save the whole file again as UTF-8")
            }
            return text
        case .windows1252:
            return try Self.windows1252(bytes)
        case nil:
            if let text = String(validating: bytes, as: UTF8.self) {
                encoding = .utf8
                return text
            }
            encoding = .windows1252
            return try Self.windows1252(bytes)
        }
    }

    /// Whether every byte of `bytes` is below 0x80, read eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        var seen: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            seen |= UInt64(start[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// The characters of bytes 0x80–0x9F in Windows-1252; `nil` for the five it leaves unassigned.
    private static let highControls: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    private static func windows1252(_ bytes: some Collection<UInt8>) throws(FieldProblem) -> String {
        var text = String.UnicodeScalarView()
        for (offset, byte) in bytes.enumerated() {
            if (0x80...0x9F).contains(byte) {
                guard let scalar = highControls[Int(byte - 0x80)] else {
                    throw FieldProblem(
                        "character \(offset + 1) is neither UTF-8 nor Windows-1252; save the file as UTF-8",
                        position: offset + 1)
                }
                text.append(scalar)
            } else {
                text.append(Unicode.Scalar(byte))
            }
        }
        return String(text)
    }
}
