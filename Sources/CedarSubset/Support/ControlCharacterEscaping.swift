/// Writes control characters (Unicode general category Cc) as visible escapes, so that input
/// echoed in a diagnostic (a file name, a stray character, an identifier) cannot move the
/// cursor, recolour or clear a terminal.
enum ControlCharacterEscaping {
    /// `text` with every control character written as an escape such as `\u{1B}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
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
