/// A new person's record, sealed and ready to insert: a random id, a new data key and its
/// wrapped form, every personal field and the list of special-category vulnerabilities sealed
/// under that key and bound to that id, and the blind index of the codice fiscale.
///
/// An import makes one on its reading thread for each person it meets for the first time, while
/// the transaction's thread inserts earlier rows; the transaction's thread uses it only when the
/// person turns out to be new to the registry (else only its blind index serves), and seals again
/// under another id in the rare case that the id drawn is already taken.
struct SealedPerson: @unchecked Sendable {
    /// The person's new pseudonymous id, which every seal below is bound to.
    let id: String
    /// The person's new data key.
    let dataKey: SecretKey
    /// `dataKey` wrapped under the key-encryption key, for `beneficiary_key`.
    let wrappedKey: [UInt8]
    /// The blind index of the codice fiscale, when the person has one.
    let blindIndex: [UInt8]?
    /// The sealed personal fields, one after another, in the order of
    /// `ValidBeneficiary.sealedColumns`.
    let sealedBytes: [UInt8]
    /// Where each sealed field ends in `sealedBytes`; -1 for an empty field (stored as NULL).
    let sealedEnds: [9 of Int32]
    /// The special-category vulnerabilities the person starts with (an empty list too).
    let special: SpecialVulnerabilities
    /// `special` sealed, for `special_vulnerability`: every new person has one.
    let sealedSpecial: [UInt8]

    /// Calls `body` with each sealed field in the order of `ValidBeneficiary.sealedColumns`,
    /// `nil` for an empty one; the bytes are valid only during each call.
    func forEachSealedField(_ body: (Int, UnsafeRawBufferPointer?) throws -> Void) rethrows {
        try sealedBytes.withUnsafeBytes { bytes in
            var start = 0
            for offset in sealedEnds.indices {
                let end = Int(sealedEnds[offset])
                guard end >= 0 else {
                    try body(offset, nil)
                    continue
                }
                try body(offset, UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
    }
}

/// Seals new people for one organisation (`SealedPerson`): draws the data key and the nonces
/// from a `RandomPool` of its own, and the ids from a `BeneficiaryIDSequence` of its own (the
/// people one sealer seals get ids in order), so one sealer serves one thread.
final class NewPersonSealer {
    private let keys: KeyMaterial
    /// The organisation recording the people, named in their special-vulnerability lists.
    private let org: String
    private let random = RandomPool()
    /// Used by the one thread the sealer serves, never by two accesses that overlap: no runtime check.
    @exclusivity(unchecked) private var ids: BeneficiaryIDSequence
    private let sealer: FieldSealer
    /// The associated data of each sealed column without the row's id,
    /// `registro/v1|beneficiary|COLUMN|`, one after another, then that of the special list,
    /// `registro/v1|special_vulnerability|codes|`.
    private let columnPrefixes: [UInt8]
    /// Where each column's prefix is in `columnPrefixes`.
    private let prefixes: [(start: Int, count: Int)]
    /// The longest of the prefixes.
    private let longestPrefix: Int

    /// A sealer for the people `org` records, under the key-encryption key and blind-index key
    /// of `keys`.
    init(keys: KeyMaterial, org: String) {
        self.keys = keys
        self.org = org
        sealer = FieldSealer(random: random)
        ids = BeneficiaryIDSequence(random: random)
        var bytes: [UInt8] = []
        var prefixes: [(start: Int, count: Int)] = []
        let locations =
            ValidBeneficiary.sealedColumns.map { FieldLocation(table: "beneficiary", column: $0, row: "") }
            + [SpecialVulnerabilities.location(of: "")]
        for location in locations {
            let start = bytes.count
            location.appendAssociatedData(to: &bytes)
            prefixes.append((start, bytes.count - start))
        }
        precondition(prefixes.count == ValidBeneficiary.sealedColumnCount + 1)
        columnPrefixes = bytes
        self.prefixes = prefixes
        longestPrefix = prefixes.map(\.count).max() ?? 0
    }

    /// The blind index of `codiceFiscale`.
    func blindIndex(_ codiceFiscale: CodiceFiscale) -> [UInt8] {
        BlindIndex.of(codiceFiscale.value, key: keys.blindIndexKey)
    }

    /// `person` sealed under the sequence's next id and a new data key. `blindIndex`, when the caller already
    /// computed it, is kept rather than computed again.
    ///
    /// The sealed fields are written into one array allocated at their exact length, each
    /// plaintext copied where its ciphertext goes and sealed there in place.
    func seal(_ person: ValidBeneficiary, blindIndex knownIndex: [UInt8]? = nil) -> SealedPerson {
        let id = ids.next(random: random)
        let (dataKey, wrapped) = keys.newDataKey(for: id, random: random)
        let birthDate = person.birthDate?.description
        var total = 0
        for column in 0..<ValidBeneficiary.sealedColumnCount {
            if let text = person.sealedValue(column, birthDate: birthDate) {
                total += FieldSealer.sealedCount(plaintextCount: text.utf8.count)
            }
        }
        var ends = [9 of Int32](repeating: -1)
        var special = SpecialVulnerabilities()
        if !person.specialVulnerabilities.isEmpty { special.add(person.specialVulnerabilities, by: org) }
        var specialText = special.plaintext
        var bytes = [UInt8].zeroed(count: total)
        var sealedSpecial = [UInt8].zeroed(count: FieldSealer.sealedCount(plaintextCount: specialText.utf8.count))
        var idText = id
        idText.withUTF8 { idBytes in
            withUnsafeTemporaryAllocation(byteCount: longestPrefix + idBytes.count, alignment: 1) { associatedData in
                let ad = associatedData.baseAddress!
                // A sealed value's associated data: its prefix (`prefixes[index]`), then the id.
                func boundTo(_ index: Int) -> UnsafeRawBufferPointer {
                    let prefix = prefixes[index]
                    columnPrefixes.withUnsafeBytes {
                        ad.copyMemory(from: $0.baseAddress! + prefix.start, byteCount: prefix.count)
                    }
                    if let idStart = idBytes.baseAddress {
                        (ad + prefix.count).copyMemory(from: idStart, byteCount: idBytes.count)
                    }
                    return UnsafeRawBufferPointer(start: ad, count: prefix.count + idBytes.count)
                }
                bytes.withUnsafeMutableBufferPointer { buffer in
                    var end = 0
                    for column in 0..<ValidBeneficiary.sealedColumnCount {
                        guard var text = person.sealedValue(column, birthDate: birthDate) else { continue }
                        let associated = boundTo(column)
                        end += text.withUTF8 { plaintext in
                            sealer.seal(
                                UnsafeRawBufferPointer(plaintext), associatedData: associated, with: dataKey,
                                into: UnsafeMutableRawPointer(buffer.baseAddress! + end))
                        }
                        ends[column] = Int32(end)
                    }
                    assert(end == total)
                }
                let associated = boundTo(ValidBeneficiary.sealedColumnCount)
                specialText.withUTF8 { plaintext in
                    sealedSpecial.withUnsafeMutableBytes { box in
                        _ = sealer.seal(
                            UnsafeRawBufferPointer(plaintext), associatedData: associated, with: dataKey,
                            into: box.baseAddress!)
                    }
                }
            }
        }
        return SealedPerson(
            id: id, dataKey: dataKey, wrappedKey: wrapped,
            blindIndex: knownIndex ?? person.codiceFiscale.map(blindIndex),
            sealedBytes: bytes, sealedEnds: ends, special: special, sealedSpecial: sealedSpecial)
    }
}

extension ValidBeneficiary {
    /// The personal fields to seal, by column, in a fixed order: `sealedValue(_:birthDate:)`
    /// gives each one's text.
    static let sealedColumns = [
        "given_name", "family_name", "codice_fiscale", "birth_date", "phone", "email", "address", "notes", "sensitive",
    ]

    /// How many personal fields are sealed: the length of `sealedColumns`, and of
    /// `SealedPerson.sealedEnds`.
    static let sealedColumnCount = 9

    /// The text to seal in column `index` of `sealedColumns`, `nil` for an empty field;
    /// `birthDate` is the birth date's text, made once by the caller.
    func sealedValue(_ index: Int, birthDate: String?) -> String? {
        switch index {
        case 0: givenName
        case 1: familyName
        case 2: codiceFiscale?.value
        case 3: birthDate
        case 4: phone
        case 5: email
        case 6: address
        case 7: notes
        default: sensitive
        }
    }
}
