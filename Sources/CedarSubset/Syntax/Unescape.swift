/// Cedar's string escapes (those of Rust string literals): `\n \r \t \\ \0 \' \"`, `\xHH` up to
/// `\x7F`, and `\u{H…}` with one to six hex digits (underscores allowed after the first).
/// A raw carriage return is refused, as Cedar refuses it.
enum Unescape {
    /// What went wrong while unescaping.
    struct Failure: Error {
        let message: String
    }

    /// The string a literal's text (without quotes) stands for.
    static func string(_ raw: Substring) throws(Failure) -> String {
        var result = String.UnicodeScalarView()
        try unescape(raw) { (scalar: Unicode.Scalar, _: Bool) in result.append(scalar) }
        return String(result)
    }

    /// The pattern a `like` literal stands for: `*` is a wildcard and `\*` a literal star.
    static func pattern(_ raw: Substring) throws(Failure) -> Pattern {
        var elements: [Pattern.Element] = []
        try unescape(raw, allowEscapedStar: true) { (scalar: Unicode.Scalar, escaped: Bool) in
            elements.append(scalar == "*" && !escaped ? .wildcard : .scalar(scalar))
        }
        return Pattern(elements: elements)
    }

    private static func unescape(
        _ raw: Substring, allowEscapedStar: Bool = false, _ emit: (Unicode.Scalar, Bool) -> Void
    ) throws(Failure) {
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        var firstFailure: Failure?
        func fail(_ text: String) {
            if firstFailure == nil { firstFailure = Failure(message: "the input `\(text)` is not a valid escape") }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\r" {
                if firstFailure == nil {
                    firstFailure = Failure(message: "a string cannot hold a bare carriage return; write `\\r`")
                }
                continue
            }
            guard scalar == "\\" else {
                emit(scalar, false)
                continue
            }
            guard index < scalars.count else {
                fail("\\")
                break
            }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "n": emit("\n", true)
            case "r": emit("\r", true)
            case "t": emit("\t", true)
            case "\\": emit("\\", true)
            case "0": emit("\0", true)
            case "'": emit("'", true)
            case "\"": emit("\"", true)
            case "*" where allowEscapedStar: emit("*", true)
            case "x":
                let digits = scalars[index..<min(index + 2, scalars.count)]
                let text = "\\x" + String(String.UnicodeScalarView(digits))
                guard digits.count == 2, let value = UInt8(String(String.UnicodeScalarView(digits)), radix: 16) else {
                    index += digits.prefix { $0.properties.isASCIIHexDigit }.count
                    fail(text)
                    continue
                }
                index += 2
                guard value <= 0x7F else {
                    fail(text)
                    continue
                }
                emit(Unicode.Scalar(value), true)
            case "u":
                let start = index - 2
                guard index < scalars.count, scalars[index] == "{" else {
                    fail("\\u")
                    continue
                }
                index += 1
                var value: UInt32 = 0
                var digitCount = 0
                var valid = true
                var closed = false
                while index < scalars.count {
                    let next = scalars[index]
                    index += 1
                    if next == "}" {
                        closed = true
                        break
                    }
                    if next == "_" {
                        if digitCount == 0 { valid = false }
                        continue
                    }
                    guard let digit = next.properties.isASCIIHexDigit ? UInt32(String(next), radix: 16) : nil else {
                        valid = false
                        break
                    }
                    digitCount += 1
                    if digitCount <= 6 { value = value * 16 + digit }
                }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                guard valid, closed, digitCount >= 1, digitCount <= 6, let result = Unicode.Scalar(value) else {
                    fail(text)
                    continue
                }
                emit(result, true)
            default:
                fail("\\" + String(escape))
            }
        }
        if let firstFailure { throw firstFailure }
    }
}
