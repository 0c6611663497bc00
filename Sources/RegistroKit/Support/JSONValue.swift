/// A JSON value that keeps the order of object keys.
///
/// The library keeps this one type, without any rendering for people, for two things whose
/// content is JSON-shaped by nature: the data of a case file's categories (text, numbers,
/// lists and records of varying fields, in display order) and the signed audit checkpoint file
/// it writes. Rendering values for people (tables, CSV, HTML) lives in `RegistroOutput`.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in the given order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.encoded(pretty: false) == rhs.encoded(pretty: false)
    }

    /// A string value, or `null` for `nil`.
    public static func text(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// The JSON text of the value; `pretty` indents nested arrays and objects by two spaces.
    public func encoded(pretty: Bool) -> String {
        String(decoding: utf8Encoded(pretty: pretty), as: UTF8.self)
    }

    /// The JSON text of the value as UTF-8 bytes, as `encoded(pretty:)` writes it: what a
    /// server sends without making a `String` first.
    public func utf8Encoded(pretty: Bool) -> [UInt8] {
        var output = GrowingBytes(capacity: 4096)
        write(to: &output, pretty: pretty, indent: 0)
        return output.array
    }

    private func write(to output: inout GrowingBytes, pretty: Bool, indent: Int) {
        switch self {
        case .null: output.append("null")
        case .bool(let value): output.append(value ? "true" : "false")
        case .int(let value): withDecimalText(value) { output.append($0) }
        case .double(let value):
            if value.isFinite {
                var text = Self.format(value)
                text.withUTF8 { output.append($0) }
            } else {
                output.append("null")
            }
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                Self.separate(index, to: &output, pretty: pretty, indent: indent)
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            Self.close(UInt8(ascii: "]"), empty: values.isEmpty, to: &output, pretty: pretty, indent: indent)
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                Self.separate(index, to: &output, pretty: pretty, indent: indent)
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                output.append(UInt8(ascii: " "))
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            Self.close(UInt8(ascii: "}"), empty: members.isEmpty, to: &output, pretty: pretty, indent: indent)
        }
    }

    /// What comes before the member at `index` of a container: a comma after the first, and
    /// when `pretty` a new line indented one level deeper than the container.
    private static func separate(_ index: Int, to output: inout GrowingBytes, pretty: Bool, indent: Int) {
        if index > 0 {
            output.append(UInt8(ascii: ","))
            if !pretty { output.append(UInt8(ascii: " ")) }
        }
        if pretty {
            output.append(UInt8(ascii: "\n"))
            output.append(UInt8(ascii: " "), repeated: (indent + 1) * 2)
        }
    }

    /// Closes a container with `bracket`, on a new line at the container's indentation when
    /// `pretty` and it has members.
    private static func close(_ bracket: UInt8, empty: Bool, to output: inout GrowingBytes, pretty: Bool, indent: Int) {
        if pretty && !empty {
            output.append(UInt8(ascii: "\n"))
            output.append(UInt8(ascii: " "), repeated: indent * 2)
        }
        output.append(bracket)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `value` to `output` as a JSON string literal: quotes, backslashes and control
    /// characters escaped, everything else as its UTF-8 bytes.
    private static func writeString(_ value: String, to output: inout GrowingBytes) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append("\\\"")
                case UInt8(ascii: "\\"): output.append("\\\\")
                case UInt8(ascii: "\n"): output.append("\\n")
                case UInt8(ascii: "\r"): output.append("\\r")
                case UInt8(ascii: "\t"): output.append("\\t")
                default:
                    output.append("\\u00")
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0xf)])
                }
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension GrowingBytes {
    /// Appends the UTF-8 bytes of `literal`.
    fileprivate mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes`.
    fileprivate mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
    }
}
