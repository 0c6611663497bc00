/// A value of one of Cedar's extension types (`decimal`, `ipaddr`, `datetime`, `duration`) read
/// from entity or context data written with the `__extn` escape.
///
/// Registro's policy subset has no extension functions, so policies can only compare such
/// values: `==` (by value, as Cedar compares them: `datetime("2024-01-01")` equals
/// `datetime("2024-01-01T00:00:00Z")`), set operations, and `<`/`<=` on datetimes and
/// durations. Everything else is a type error, as in Cedar.
public struct ExtensionValue: Hashable, Sendable, CustomStringConvertible {
    enum Storage: Hashable, Sendable {
        /// Ten-thousandths.
        case decimal(Int64)
        /// An IPv4 (`isV6` false) or IPv6 address as 128 bits, and its prefix length.
        case ip(isV6: Bool, high: UInt64, low: UInt64, prefix: UInt8)
        /// Milliseconds since 1970-01-01T00:00:00Z.
        case datetime(Int64)
        /// Milliseconds.
        case duration(Int64)
    }

    let storage: Storage

    /// The extension type's name: `decimal`, `ipaddr`, `datetime` or `duration`.
    public var typeName: String {
        switch storage {
        case .decimal: "decimal"
        case .ip: "ipaddr"
        case .datetime: "datetime"
        case .duration: "duration"
        }
    }

    /// The value as a call to its constructor.
    public var description: String {
        switch storage {
        case .decimal(let value):
            let magnitude = value.magnitude
            let fraction = String(magnitude % 10_000)
            return
                "decimal(\"\(value < 0 ? "-" : "")\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)\")"
        case .ip(let isV6, let high, let low, let prefix):
            if !isV6 {
                let bits = UInt32(truncatingIfNeeded: low)
                return "ip(\"\(bits >> 24).\(bits >> 16 & 0xFF).\(bits >> 8 & 0xFF).\(bits & 0xFF)/\(prefix)\")"
            }
            let groups = (0..<8).map { index -> String in
                let word = index < 4 ? high >> UInt64(48 - 16 * index) : low >> UInt64(48 - 16 * (index - 4))
                return String(word & 0xFFFF, radix: 16)
            }
            return "ip(\"\(groups.joined(separator: ":"))/\(prefix)\")"
        case .datetime(let milliseconds):
            return "datetime(\(milliseconds)ms since epoch)"
        case .duration(let milliseconds):
            return "duration(\"\(milliseconds)ms\")"
        }
    }

    /// Whether the type supports `<` and `<=` (datetimes and durations do).
    var isOrdered: Bool {
        switch storage {
        case .datetime, .duration: true
        case .decimal, .ip: false
        }
    }

    /// `self < other` or `self <= other` for two values of the same ordered type.
    func compare(_ other: ExtensionValue, orEqual: Bool) -> Bool? {
        switch (storage, other.storage) {
        case (.datetime(let a), .datetime(let b)), (.duration(let a), .duration(let b)):
            orEqual ? a <= b : a < b
        default:
            nil
        }
    }
}

extension ExtensionValue {
    /// Applies the extension function `name` to `arguments`, as Cedar does when it loads an
    /// `__extn` escape. Returns `nil` with a reason when the function is unknown or the
    /// arguments are invalid.
    static func call(_ name: String, _ arguments: [Value]) -> Result<ExtensionValue, ExtensionCallError> {
        func string() -> String? {
            if arguments.count == 1, case .string(let text) = arguments[0] { return text }
            return nil
        }
        switch name {
        case "decimal", "ip", "datetime", "duration":
            guard let text = string() else {
                return .failure(ExtensionCallError("`\(name)` takes one string argument"))
            }
            let parsed: Storage? =
                switch name {
                case "decimal": ExtensionParsing.decimal(text).map { .decimal($0) }
                case "ip": ExtensionParsing.ip(text)
                case "datetime": ExtensionParsing.datetime(text).map { .datetime($0) }
                default: ExtensionParsing.duration(text).map { .duration($0) }
                }
            guard let parsed else {
                return .failure(ExtensionCallError("`\(escapedForCedar(text))` is not a valid argument for `\(name)`"))
            }
            return .success(ExtensionValue(storage: parsed))
        case "offset":
            guard arguments.count == 2, case .extension(let base) = arguments[0],
                case .datetime(let start) = base.storage,
                case .extension(let shift) = arguments[1], case .duration(let delta) = shift.storage
            else {
                return .failure(ExtensionCallError("`offset` takes a datetime and a duration"))
            }
            let (sum, overflow) = start.addingReportingOverflow(delta)
            guard !overflow else { return .failure(ExtensionCallError("`offset` overflows")) }
            return .success(ExtensionValue(storage: .datetime(sum)))
        default:
            return .failure(
                ExtensionCallError("`\(escapedForCedar(name))` is not an extension constructor Registro reads"))
        }
    }
}

/// Why an extension value could not be built.
struct ExtensionCallError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
