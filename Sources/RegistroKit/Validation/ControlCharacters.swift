/// Finds control characters (Unicode general category Cc) in text, which no field of the
/// registry accepts: they corrupt terminals, CSV files and logs.
enum ControlCharacters {
    /// The 1-based position of the first control character in `text`, or `nil`. With
    /// `allowingLineBreaks`, line feeds, carriage returns and tabs are allowed (notes).
    static func firstPosition(in text: String, allowingLineBreaks: Bool) -> Int? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            guard scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) else { continue }
            if allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            return position
        }
        return nil
    }
}
