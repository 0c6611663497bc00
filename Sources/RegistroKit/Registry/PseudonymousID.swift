/// Pseudonymous identifiers: a letter for the kind and 11 characters of Crockford's base 32
/// (55 bits), derived from nothing about the person.
enum PseudonymousID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// The bits the 11 characters carry.
    static let bitCount = 55

    /// A new random consent grant id such as `C5Q0W2M8R1ZX`.
    static func consentGrant() -> String {
        random(prefix: "C")
    }

    /// A new random emergency access id such as `E0K7M3T9D2QA`.
    static func emergencyAccess() -> String {
        random(prefix: "E")
    }

    /// `prefix` and 11 characters of 7 random bytes' low 55 bits, so every id is equally likely.
    private static func random(prefix: Unicode.Scalar) -> String {
        make(prefix: prefix, value: RandomPool(capacity: 7).integer(byteCount: 7))
    }

    /// `prefix` and the low 55 bits of `value` as 11 characters, the most significant first, so
    /// that ids sort as their values do.
    static func make(prefix: Unicode.Scalar, value: UInt64) -> String {
        // Twelve ASCII bytes: a string stored inline, written in place.
        String(unsafeUninitializedCapacity: 12) { text in
            text[0] = UInt8(ascii: prefix)
            alphabet.withUnsafeBufferPointer { alphabet in
                for position in 0..<11 {
                    text[11 - position] = alphabet[Int((value >> (5 * UInt64(position))) & 31)]
                }
            }
            return 12
        }
    }
}
