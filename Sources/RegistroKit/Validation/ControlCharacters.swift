/// Finds control characters (Unicode general category Cc) and bidirectional formatting
/// characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) in text, which no field of the
/// registry accepts: the first corrupt terminals, CSV files and logs; the second reorder what
/// is shown, so that a name or a note reads differently from what it holds.
public enum ControlCharacters {
    /// The 1-based position of the first control character in `text`, or `nil`. With
    /// `allowingLineBreaks`, line feeds, carriage returns and tabs are allowed (notes).
    static func firstPosition(in text: String, allowingLineBreaks: Bool) -> Int? {
        // Most fields are printable ASCII, where no byte is a control character: one pass over
        // the bytes rather than decoding each scalar (an import checks every new person's field).
        let printable = text.utf8.withContiguousStorageIfAvailable(isPrintableASCII)
        if printable == true { return nil }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            guard isControl(scalar) else { continue }
            if allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            return position
        }
        return nil
    }

    /// `text` with every control character written as a visible escape such as `\u{1B}`, so
    /// that input echoed in a message (an unknown id, a file name, a CSV header) cannot move
    /// the cursor, recolour or clear a terminal. With `keepingLineFeeds`, line feeds stay: a
    /// message listing several problems puts each on its own line.
    public static func escaped(_ text: String, keepingLineFeeds: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingLineFeeds && scalar == "\n") {
                escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// Whether every byte of `bytes` is printable ASCII (0x20–0x7E), read eight bytes at a time:
    /// a word passes when no byte has its high bit set (0x80 and above), none turns 0x80 when one
    /// is added to each (0x7F) and none borrows when 0x20 is taken from each (below 0x20). The
    /// last two tests are exact once the first passed, since no byte then carries into the next.
    private static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if (word | (word &+ ones) | (word &- 0x20 &* ones)) & (0x80 &* ones) != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            guard start[index] >= 0x20 && start[index] < 0x7F else { return false }
            index += 1
        }
        return true
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x20 else { return true }
        if value < 0x7F { return false }
        return value <= 0x9F || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
