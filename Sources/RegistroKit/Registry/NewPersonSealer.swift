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
    /// Where each sealed field ends in `sealedBytes`; `nil` for an empty field (stored as NULL).
    let sealedEnds: [Int?]
    /// The special-category vulnerabilities the person starts with (an empty list too).
    let special: SpecialVulnerabilities
    /// `special` sealed, for `special_vulnerability`: every new person has one.
    let sealedSpecial: [UInt8]

    /// Calls `body` with each sealed field in the order of `ValidBeneficiary.sealedColumns`,
    /// `nil` for an empty one; the bytes are valid only during each call.
    func forEachSealedField(_ body: (Int, UnsafeRawBufferPointer?) throws -> Void) rethrows {
        try sealedBytes.withUnsafeBytes { bytes in
            var start = 0
            for (offset, end) in sealedEnds.enumerated() {
                guard let end else {
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
    private var ids: BeneficiaryIDSequence
    private let sealer: FieldSealer

    /// A sealer for the people `org` records, under the key-encryption key and blind-index key
    /// of `keys`.
    init(keys: KeyMaterial, org: String) {
        self.keys = keys
        self.org = org
        sealer = FieldSealer(random: random)
        ids = BeneficiaryIDSequence(random: random)
    }

    /// The blind index of `codiceFiscale`.
    func blindIndex(_ codiceFiscale: CodiceFiscale) -> [UInt8] {
        BlindIndex.of(codiceFiscale.value, key: keys.blindIndexKey)
    }

    /// `person` sealed under the sequence's next id and a new data key. `blindIndex`, when the caller already
    /// computed it, is kept rather than computed again.
    func seal(_ person: ValidBeneficiary, blindIndex knownIndex: [UInt8]? = nil) -> SealedPerson {
        let id = ids.next(random: random)
        let (dataKey, wrapped) = keys.newDataKey(for: id, random: random)
        var bytes: [UInt8] = []
        var ends: [Int?] = []
        ends.reserveCapacity(9)
        for (column, value) in person.sealedColumns {
            guard let value else {
                ends.append(nil)
                continue
            }
            sealer.seal(value, at: FieldLocation(table: "beneficiary", column: column, row: id), with: dataKey) {
                bytes.append(contentsOf: $0)
            }
            ends.append(bytes.count)
        }
        var special = SpecialVulnerabilities()
        special.add(person.specialVulnerabilities, by: org)
        let sealedSpecial = sealer.seal(special.plaintext, at: SpecialVulnerabilities.location(of: id), with: dataKey) {
            Array($0)
        }
        return SealedPerson(
            id: id, dataKey: dataKey, wrappedKey: wrapped,
            blindIndex: knownIndex ?? person.codiceFiscale.map(blindIndex),
            sealedBytes: bytes, sealedEnds: ends, special: special, sealedSpecial: sealedSpecial)
    }
}
