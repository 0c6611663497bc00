/// Random identifiers: a letter for the kind and 11 characters of Crockford's base 32 (55
/// random bits), derived from nothing about the person.
enum PseudonymousID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new random beneficiary id such as `B7K3M9Q2X4TA`.
    static func beneficiary() -> String {
        make(prefix: "B")
    }

    /// A new random consent grant id such as `C5Q0W2M8R1ZX`.
    static func consentGrant() -> String {
        make(prefix: "C")
    }

    /// A new random emergency access id such as `E0K7M3T9D2QA`.
    static func emergencyAccess() -> String {
        make(prefix: "E")
    }

    private static func make(prefix: Character) -> String {
        var text: [UInt8] = [prefix.asciiValue!]
        for _ in 0..<11 {
            text.append(alphabet[Int(Sodium.randomUniform(UInt32(alphabet.count)))])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
