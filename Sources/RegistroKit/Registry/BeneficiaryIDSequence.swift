/// The pseudonymous ids of the people one sealer creates, such as `B7K3M9Q2X4TA`: `B` and 11
/// characters of Crockford's base 32, of which the first 5 (25 bits) are a counter and the
/// other 6 (30 bits) random.
///
/// The counter starts at a random value for each sequence and advances once every
/// `peoplePerStep` ids, so the people one import creates get ids in the order it met them, in
/// groups of `peoplePerStep` whose order within the group is random. Every index keyed by a
/// person's id (the person's own, their data key's, their special and ordinary vulnerabilities',
/// their deliveries') then receives an import's new people at one advancing place rather than
/// at random places all over, so the pages it changes stay few and in the page cache. A person
/// created on their own (`beneficiary add`, a form) is the first of a sequence of their own:
/// all 55 bits of their id are random. The counter holds no time and nothing about the person:
/// two ids tell, at most, that they were created close together by the same import and in
/// which order (Docs/PRIVACY.md).
///
/// Not shared between threads: each sealer owns its sequence.
struct BeneficiaryIDSequence {
    /// How many ids share a value of the counter.
    static let peoplePerStep = 16
    /// The bits of the counter, the id's first 5 characters.
    static let counterBits = 25
    private static let randomBits = PseudonymousID.bitCount - counterBits

    private var counter: UInt64
    /// The ids issued with the current value of the counter.
    private var issuedAtCounter = 0

    /// A sequence whose counter starts at a random value drawn from `random`.
    init(random: RandomPool) {
        counter = random.integer(byteCount: 4) & Self.mask(bits: Self.counterBits)
    }

    /// The next id: the counter, then 30 random bits drawn from `random`.
    mutating func next(random: RandomPool) -> String {
        let suffix = random.integer(byteCount: 4) & Self.mask(bits: Self.randomBits)
        let id = PseudonymousID.make(prefix: "B", value: counter << UInt64(Self.randomBits) | suffix)
        issuedAtCounter += 1
        if issuedAtCounter == Self.peoplePerStep {
            issuedAtCounter = 0
            counter = (counter + 1) & Self.mask(bits: Self.counterBits)
        }
        return id
    }

    private static func mask(bits: Int) -> UInt64 {
        (1 << UInt64(bits)) - 1
    }
}
