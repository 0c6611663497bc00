/// Random pseudonymous identifiers of beneficiaries: `B` and 11 characters of Crockford's
/// base 32 (55 random bits), derived from nothing about the person.
enum PseudonymousID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new random beneficiary id such as `B7K3M9Q2X4TA`.
    static func beneficiary() -> String {
        var text: [UInt8] = [UInt8(ascii: "B")]
        for _ in 0..<11 {
            text.append(alphabet[Int(Sodium.randomUniform(UInt32(alphabet.count)))])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
