/// A lenient check of an email address's shape, to catch the common mistakes of data entry (a
/// missing `@`, a space, a name where the address should be) without rejecting unusual but
/// valid addresses.
///
/// An address passes when, once trimmed, it has at most 254 characters, no spaces or control
/// characters, none of `, ; < > ( ) [ ] \ "`, exactly one `@` with something before it, and
/// after it a domain of at least two non-empty parts separated by dots. Letters outside ASCII
/// are allowed on both sides. Whether the address exists is not checked.
public enum Email {
    /// The longest address accepted, in characters.
    public static let maximumLength = 254

    /// The address without surrounding spaces, when its shape is plausible.
    /// - Parameter text: the address as typed or imported.
    /// - Throws: a ``FieldProblem`` naming the character or part at fault.
    public static func validated(_ text: String) throws(FieldProblem) -> String {
        var atPosition = 0
        var previous: UInt8 = 0
        var domainDots = 0
        let count = try TrimmedScan.characters(of: text) { byte, position throws(FieldProblem) in
            switch byte {
            case UInt8(ascii: "@"):
                guard atPosition == 0 else {
                    throw FieldProblem(
                        "character \(position) is a second @; an email address has exactly one",
                        position: position)
                }
                guard position > 1 else {
                    throw FieldProblem("has nothing before the @; \(example)", position: 1)
                }
                atPosition = position
            case UInt8(ascii: "."):
                if atPosition > 0 {
                    guard previous != UInt8(ascii: "@") && previous != UInt8(ascii: ".") else {
                        throw emptyDomainPart(at: position)
                    }
                    domainDots += 1
                }
            case 0...0x20, 0x7F, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: "\""):
                throw FieldProblem(
                    "character \(position) cannot be in an email address; \(example)",
                    position: position)
            default:
                break
            }
            previous = byte
        }
        guard count > 0 else { throw FieldProblem("is empty; \(example)") }
        guard count <= maximumLength else {
            throw FieldProblem(
                "has \(count) characters; an email address has at most \(maximumLength)")
        }
        guard atPosition > 0 else { throw FieldProblem("has no @; \(example)") }
        guard atPosition < count else {
            throw FieldProblem("has nothing after the @; \(example)", position: atPosition)
        }
        guard domainDots > 0 else {
            throw FieldProblem(
                "the part after the @ should be a domain with a dot; \(example)",
                position: atPosition + 1)
        }
        guard previous != UInt8(ascii: ".") else { throw emptyDomainPart(at: count) }
        return String(TrimmedScan.trimmed(text))
    }

    private static let example = "an email address looks like name@example.it"

    private static func emptyDomainPart(at position: Int) -> FieldProblem {
        FieldProblem(
            "character \(position) leaves an empty part in the domain after the @; \(example)",
            position: position)
    }
}
