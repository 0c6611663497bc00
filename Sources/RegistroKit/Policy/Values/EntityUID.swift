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

    public static func == (lhs: EntityUID, rhs: EntityUID) -> Bool {
        lhs.type == rhs.type && scalarsEqual(lhs.id, rhs.id)
    }

    public func hash(into hasher: inout Hasher) {
        hashScalars(type, into: &hasher)
        hashScalars(id, into: &hasher)
    }

    /// The entity as Cedar writes it: `Type::"id"`, with the id escaped.
    public var description: String {
        "\(type)::\"\(escapedForCedar(id))\""
    }

    /// Why `name` is not a valid entity type name, or `nil` when it is.
    static func problem(withTypeName name: String) -> String? {
        let parts = name.split(separator: "::", omittingEmptySubsequences: false)
        for part in parts {
            guard let first = part.utf8.first, isIdentifierStart(first),
                part.utf8.allSatisfy({ isIdentifierStart($0) || ($0 >= 48 && $0 <= 57) })
            else {
                return "`\(escapedForCedar(name))` is not a valid entity type name"
            }
            if reservedWords.contains(part) {
                return "`\(name)` is not a valid entity type name: `\(part)` is a reserved word"
            }
            if part == "__cedar" {
                return "`\(name)` is not a valid entity type name: `__cedar` is reserved"
            }
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
