/// Parses JSON text (RFC 8259) into ``JSON`` values.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses `text`, which must hold exactly one JSON value.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSON {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) -> JSON in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses UTF-8 bytes that must hold exactly one JSON value.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes: buffer)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.offset == buffer.count else {
            throw JSONSyntaxError(message: "unexpected text after the JSON value", offset: parser.offset)
        }
        return value
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset)
    }

    private mutating func value() throws(JSONSyntaxError) -> JSON {
        guard offset < bytes.count else { throw error("unexpected end of JSON input") }
        let start = offset
        switch bytes[offset] {
        case UInt8(ascii: "{"): return JSON(kind: .object(try object()), offset: start)
        case UInt8(ascii: "["): return JSON(kind: .array(try array()), offset: start)
        case UInt8(ascii: "\""): return JSON(kind: .string(try string()), offset: start)
        case UInt8(ascii: "t"): try literal("true"); return JSON(kind: .bool(true), offset: start)
        case UInt8(ascii: "f"): try literal("false"); return JSON(kind: .bool(false), offset: start)
        case UInt8(ascii: "n"): try literal("null"); return JSON(kind: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSON(kind: try number(), offset: start)
        default: throw error("unexpected character in JSON")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw error("invalid JSON literal") }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
            throw error("invalid JSON literal")
        }
        offset += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("JSON nested too deeply (more than \(JSONParser.maximumDepth) levels)")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var members: [JSONObject.Member] = []
        // Small objects are checked for duplicate keys by scanning; large ones with a set.
        var seen: Set<ScalarString>?
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return JSONObject(members: members)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw error("expected a string key in JSON object")
            }
            let keyOffset = offset
            let key = try string()
            let duplicate: Bool
            if members.count < 16 {
                duplicate = members.contains { scalarsEqual($0.key, key) }
            } else {
                if seen == nil { seen = Set(members.map { ScalarString($0.key) }) }
                duplicate = !seen!.insert(ScalarString(key)).inserted
            }
            guard !duplicate else {
                throw JSONSyntaxError(
                    message: "duplicate key `\(escapedForCedar(key))` in JSON object", offset: keyOffset)
            }
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw error("expected `:` after a JSON object key")
            }
            offset += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, keyOffset: keyOffset, value: try value()))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard bytes[offset] == UInt8(ascii: "}") else { throw error("expected `,` or `}` in JSON object") }
            offset += 1
            return JSONObject(members: members)
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> [JSON] {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var elements: [JSON] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try value())
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of JSON input") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard bytes[offset] == UInt8(ascii: "]") else { throw error("expected `,` or `]` in JSON array") }
            offset += 1
            return elements
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> JSON.Kind {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("invalid JSON number") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        var isInteger = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("invalid JSON number") }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("invalid JSON number") }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        return .otherNumber(text)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        offset += 1
        let start = offset
        // Fast path: no escape before the closing quote.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let result = try validated(start..<offset)
                offset += 1
                return result
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in JSON string: escape it") }
            offset += 1
        }
        var result = try validated(start..<offset)
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return result
            }
            if byte < 0x20 { throw error("control character in JSON string: escape it") }
            if byte != UInt8(ascii: "\\") {
                let runStart = offset
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\"),
                    bytes[offset] >= 0x20
                {
                    offset += 1
                }
                result += try validated(runStart..<offset)
                continue
            }
            offset += 1
            guard offset < bytes.count else { break }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""): result += "\""
            case UInt8(ascii: "\\"): result += "\\"
            case UInt8(ascii: "/"): result += "/"
            case UInt8(ascii: "b"): result += "\u{8}"
            case UInt8(ascii: "f"): result += "\u{C}"
            case UInt8(ascii: "n"): result += "\n"
            case UInt8(ascii: "r"): result += "\r"
            case UInt8(ascii: "t"): result += "\t"
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                        bytes[offset + 1] == UInt8(ascii: "u")
                    else {
                        throw error("lone leading surrogate in JSON string")
                    }
                    offset += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair in JSON string") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("lone trailing surrogate in JSON string")
                }
                result.unicodeScalars.append(Unicode.Scalar(code)!)
            default:
                throw error("invalid escape in JSON string")
            }
        }
        throw JSONSyntaxError(message: "unterminated JSON string", offset: start - 1)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("invalid `\\u` escape in JSON string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid `\\u` escape in JSON string")
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    /// The bytes in `range` as a string, refusing invalid UTF-8.
    private func validated(_ range: Range<Int>) throws(JSONSyntaxError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if slice.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: slice, as: UTF8.self)
        }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw JSONSyntaxError(message: "invalid UTF-8 in JSON string", offset: range.lowerBound)
        }
        return text
    }
}
