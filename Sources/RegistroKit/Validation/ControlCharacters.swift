/// Finds control characters (Unicode general category Cc) in text, which no field of the
/// registry accepts: they corrupt terminals, CSV files and logs.
enum ControlCharacters {
    /// The 1-based position of the first control character in `text`, or `nil`. With
    /// `allowingLineBreaks`, line feeds, carriage returns and tabs are allowed (notes).
    static func firstPosition(in text: String, allowingLineBreaks: Bool) -> Int? {
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
    static func escaped(_ text: String, keepingLineFeeds: Bool = false) -> String {
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

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
