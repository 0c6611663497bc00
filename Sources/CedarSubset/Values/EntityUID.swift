/// The unique identifier of an entity: its type (such as `User` or `Registro::User`) and its id.
///
/// Ids may hold any Unicode, control characters included, and are compared scalar by scalar,
/// as Cedar compares them.
public struct EntityUID: Hashable, Sendable, CustomStringConvertible {
    /// The entity type, a `::`-separated Cedar name such as `User` or `Registro::User`.
    public let type: String
    /// The entity id.
    public let id: String

    /// Creates an identifier without checking `type`; use ``init(validatingType:id:)`` for
    /// names that come from outside the program.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// Creates an identifier after checking that `type` is a valid Cedar name.
    ///
    /// - Throws: ``PolicyDiagnostic`` when `type` is not a `::`-separated list of identifiers
    ///   or uses a reserved word.
    public init(validatingType type: String, id: String) throws(PolicyDiagnostic) {
        if let problem = EntityUID.problem(withTypeName: type) {
            throw PolicyDiagnostic(problem, at: nil)
        }
        self.init(type: type, id: id)
    }

    /// Whether this is an action: its type's last component is `Action`.
    public var isAction: Bool {
        type == "Action" || type.hasSuffix("::Action")
    }

    /// Same type and same id, compared scalar by scalar.
    public static func == (lhs: EntityUID, rhs: EntityUID) -> Bool {
        lhs.type == rhs.type && scalarsEqual(lhs.id, rhs.id)
    }

    /// Hashes the type and the id's scalars.
    public func hash(into hasher: inout Hasher) {
        hashScalars(type, into: &hasher)
        hashScalars(id, into: &hasher)
    }

    /// The entity as Cedar writes it: `Type::"id"`, with the id escaped.
    public var description: String {
        "\(type)::\"\(escapedForCedar(id))\""
    }

    /// Why `name` is not a valid entity type name, or `nil` when it is: identifiers
    /// separated by `::`, none of them a reserved word or `__cedar`.
    static func problem(withTypeName name: String) -> String? {
        var valid = true
        var componentStart = 0
        var reserved: Substring?
        let utf8 = Array(name.utf8)
        var index = 0
        func endComponent(_ end: Int) {
            let length = end - componentStart
            guard length > 0, isIdentifierStart(utf8[componentStart]) else {
                valid = false
                return
            }
            // Reserved words and `__cedar` are 2 to 7 bytes long: only short components are checked.
            if length <= 7 {
                let component = Substring(String(decoding: utf8[componentStart..<end], as: UTF8.self))
                if reservedWords.contains(component) || component == "__cedar" { reserved = component }
            }
        }
        while index < utf8.count, valid {
            let byte = utf8[index]
            if byte == UInt8(ascii: ":") {
                guard index + 1 < utf8.count, utf8[index + 1] == UInt8(ascii: ":") else {
                    valid = false
                    break
                }
                endComponent(index)
                index += 2
                componentStart = index
                continue
            }
            guard isIdentifierStart(byte) || (byte >= 48 && byte <= 57) else {
                valid = false
                break
            }
            index += 1
        }
        if valid { endComponent(utf8.count) }
        guard valid else { return "`\(escapedForCedar(name))` is not a valid entity type name" }
        if let reserved {
            return "`\(name)` is not a valid entity type name: `\(reserved)` is reserved"
        }
        return nil
    }
}

private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 95
}

/// `text` with quotes, backslashes and non-printing characters escaped as in a Cedar string.
func escapedForCedar(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\0": result += "\\0"
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result
}
