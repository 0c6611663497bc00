/// Random identifiers: a letter for the kind and 11 characters of Crockford's base 32 (55
/// random bits), derived from nothing about the person.
enum PseudonymousID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new random beneficiary id such as `B7K3M9Q2X4TA`, from `random` (an import draws many).
    static func beneficiary(random: RandomPool) -> String {
        make(prefix: "B", random: random)
    }

    /// A new random consent grant id such as `C5Q0W2M8R1ZX`.
    static func consentGrant() -> String {
        make(prefix: "C", random: RandomPool(capacity: 7))
    }

    /// A new random emergency access id such as `E0K7M3T9D2QA`.
    static func emergencyAccess() -> String {
        make(prefix: "E", random: RandomPool(capacity: 7))
    }

    /// `prefix` and 11 characters, each 5 bits of 7 random bytes, so every id is equally likely.
    private static func make(prefix: Unicode.Scalar, random: RandomPool) -> String {
        var bits = random.integer(byteCount: 7)
        var text: [UInt8] = [UInt8(ascii: prefix)]
        for _ in 0..<11 {
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: text, as: UTF8.self)
    }
}
