/// Random pseudonymous identifiers of beneficiaries: `B` and 11 characters of Crockford's
/// base 32 (55 random bits), derived from nothing about the person.
enum PseudonymousID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new random beneficiary id such as `B7K3M9Q2X4TA`: each character is 5 bits of 7 random
    /// bytes from `random`, so every id is equally likely.
    static func beneficiary(random: RandomPool) -> String {
        var bits = random.integer(byteCount: 7)
        var text: [UInt8] = [UInt8(ascii: "B")]
        for _ in 0..<11 {
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: text, as: UTF8.self)
    }
}
