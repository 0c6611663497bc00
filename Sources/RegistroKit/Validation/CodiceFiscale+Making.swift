extension CodiceFiscale {
    /// Computes the codice fiscale the Agenzia delle Entrate would assign to a person, without
    /// omocodia: for synthetic registries and tests, never to guess a real person's code.
    ///
    /// The rules are those of D.M. 23 dicembre 1976, n. 13813:
    /// - names are read as one run of letters, ignoring spaces, apostrophes and hyphens, with
    ///   accented and other Latin letters counted as their base letter (`È` as `E`, `Ș` as `S`);
    /// - the family name gives its first three consonants, then its vowels in order, then `X`
    ///   until there are three letters;
    /// - the given name does the same, except that with four or more consonants it gives the
    ///   first, third and fourth;
    /// - then the last two digits of the year, the month letter, the day (plus 40 for women),
    ///   the place code and the check character.
    /// - Parameters:
    ///   - familyName: the family name (for married women, the maiden name).
    ///   - givenName: the given name or names.
    ///   - birthDate: the date of birth.
    ///   - sex: the sex the code encodes.
    ///   - placeCode: the Belfiore code of the comune or foreign state of birth, a letter and
    ///     three digits (`H501` for Roma, `Z404` for the United States).
    /// - Throws: a ``FieldProblem`` when a name has no letters or the place code is malformed.
    public static func make(
        familyName: String, givenName: String, birthDate: CalendarDate, sex: Sex, placeCode: String
    ) throws(FieldProblem) -> CodiceFiscale {
        let family = NameLetters(familyName)
        guard !family.isEmpty else { throw FieldProblem("the family name has no letters A–Z") }
        let given = NameLetters(givenName)
        guard !given.isEmpty else { throw FieldProblem("the given name has no letters A–Z") }
        let place = Array(placeCode.utf8).map { ASCII.isUpper($0 & 0xDF) ? $0 & 0xDF : $0 }
        guard place.count == 4, ASCII.isUpper(place[0]), place[1...].allSatisfy(ASCII.isDigit) else {
            throw FieldProblem(
                "the place code should be a letter and three digits, a Belfiore code such as H501")
        }
        var bytes = family.familyNameCode() + given.givenNameCode()
        bytes += twoDigits(birthDate.year % 100)
        bytes.append(monthLetters[birthDate.month - 1])
        bytes += twoDigits(birthDate.day + (sex == .female ? 40 : 0))
        bytes += place
        return CodiceFiscale(trustedFirst15: bytes)
    }

    /// The omocodic variant of this code with the `substitutions` rightmost digit positions
    /// replaced by letters, and its check character recomputed: the code the Agenzia delle
    /// Entrate would give the `substitutions`-th person clashing with this one.
    /// - Parameter substitutions: how many digit positions to replace, 1–7.
    public func omocodicVariant(substitutions: Int) -> CodiceFiscale {
        precondition((1...7).contains(substitutions), "omocodia replaces 1 to 7 digits")
        var bytes = Array(value.utf8.prefix(15))
        for index in Self.omocodiaOrder.prefix(substitutions) where ASCII.isDigit(bytes[index]) {
            bytes[index] = Self.omocodiaLetters[Int(bytes[index] - UInt8(ascii: "0"))]
        }
        return CodiceFiscale(trustedFirst15: bytes)
    }

    /// A code from 15 valid bytes, completed with its check character.
    private init(trustedFirst15 bytes: [UInt8]) {
        var code = CompactCode("")
        for (index, byte) in bytes.enumerated() { code[index] = byte }
        code[15] = Self.checkCharacter(code)
        self.init(trusted: String(decoding: bytes + [code[15]], as: UTF8.self))
    }

    /// `number` (0–99) as two ASCII digits.
    private static func twoDigits(_ number: Int) -> [UInt8] {
        [UInt8(ascii: "0") + UInt8(number / 10), UInt8(ascii: "0") + UInt8(number % 10)]
    }
}

/// The letters A–Z of a name, split into consonants and vowels, as the codice fiscale reads it.
private struct NameLetters {
    var consonants: [UInt8] = []
    var vowels: [UInt8] = []

    init(_ name: String) {
        for scalar in name.unicodeScalars {
            for letter in Self.baseLetters(of: scalar).utf8 {
                if "AEIOU".utf8.contains(letter) { vowels.append(letter) } else { consonants.append(letter) }
            }
        }
    }

    var isEmpty: Bool { consonants.isEmpty && vowels.isEmpty }

    /// Three letters for a family name: consonants, then vowels, then `X`.
    func familyNameCode() -> [UInt8] {
        Array((consonants + vowels + Array("XXX".utf8)).prefix(3))
    }

    /// Three letters for a given name: the first, third and fourth consonant when there are
    /// four or more, otherwise as for a family name.
    func givenNameCode() -> [UInt8] {
        consonants.count >= 4 ? [consonants[0], consonants[2], consonants[3]] : familyNameCode()
    }

    /// The upper-case base letters `scalar` counts as: itself for A–Z, its base letter for the
    /// accented letters of Latin-1 and Latin Extended-A (and Romanian `Ș`, `Ț`), two letters for
    /// ligatures and `ß`, nothing for anything else.
    static func baseLetters(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x41...0x5A: return String(scalar)
        case 0x61...0x7A: return String(Unicode.Scalar(UInt8(scalar.value - 0x20)))
        case 0xC6, 0xE6: return "AE"
        case 0xDF: return "SS"
        case 0x132, 0x133: return "IJ"
        case 0x152, 0x153: return "OE"
        case 0xC0...0xFF: return letter(in: latin1, at: Int(scalar.value - 0xC0) % 32)
        case 0x100...0x17F: return letter(in: latinExtendedA, at: Int(scalar.value - 0x100))
        case 0x218, 0x219: return "S"
        case 0x21A, 0x21B: return "T"
        default: return ""
        }
    }

    /// The base letters of U+00C0–U+00DF (and, 32 code points later, of their lower-case
    /// forms); `_` marks a sign that is not a letter.
    private static let latin1 = Array("AAAAAAACEEEEIIIIDNOOOOO_OUUUUY_Y")
    /// The base letters of U+0100–U+017F.
    private static let latinExtendedA = Array(
        "AAAAAACCCCCCCCDD" + "DDEEEEEEEEEEGGGG" + "GGGGHHHHIIIIIIII" + "IIIIJJKKKLLLLLLL"
            + "LLLNNNNNNNNNOOOO" + "OOOORRRRRRSSSSSS" + "SSTTTTTTUUUUUUUU" + "UUUUWWYYYZZZZZZS")

    private static func letter(in table: [Character], at index: Int) -> String {
        table[index] == "_" ? "" : String(table[index])
    }
}
