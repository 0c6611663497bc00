@_spi(Benchmarks) @testable import RegistroKit
import Testing

/// The ids of new people: the same shape as ever, ordered within one sequence (one import),
/// random between sequences and within each group.
@Suite("beneficiary ids: ordered within one sequence, random between sequences")
struct BeneficiaryIDSequenceTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The counter of `id`: the value of its first 5 characters after the `B`.
    static func counter(of id: String) -> Int {
        id.dropFirst().prefix(5).reduce(0) { $0 * 32 + alphabet.firstIndex(of: $1)! }
    }

    static func ids(_ count: Int) -> [String] {
        let random = RandomPool()
        var sequence = BeneficiaryIDSequence(random: random)
        return (0..<count).map { _ in sequence.next(random: random) }
    }

    @Test("every id is B and 11 characters of Crockford's base 32, as the random ids before them")
    func idsKeepTheirShape() {
        for id in Self.ids(100) {
            #expect(id.count == 12 && id.first == "B")
            #expect(id.dropFirst().allSatisfy(Self.alphabet.contains))
        }
    }

    @Test("the counter advances by one every 16 ids, so one sequence's ids come in order, group by group")
    func counterAdvancesOnceEveryGroup() {
        let ids = Self.ids(BeneficiaryIDSequence.peoplePerStep * 5 + 3)
        let first = Self.counter(of: ids[0])
        let span = 1 << BeneficiaryIDSequence.counterBits
        for (index, id) in ids.enumerated() {
            #expect((Self.counter(of: id) - first + span) % span == index / BeneficiaryIDSequence.peoplePerStep)
        }
    }

    @Test("the ids within a group differ in their random part")
    func idsWithinAGroupDiffer() {
        let ids = Self.ids(BeneficiaryIDSequence.peoplePerStep)
        #expect(Set(ids.map { $0.dropFirst(6) }).count == ids.count)
    }

    @Test("two sequences start at unrelated counters: a person created alone has an id random throughout")
    func sequencesStartAtRandomCounters() {
        let starts = (0..<8).map { _ in Self.counter(of: Self.ids(1)[0]) }
        // Eight draws of 25 bits: all equal by chance about once in 2^175.
        #expect(Set(starts).count > 1)
        #expect(Set(starts.map { $0 >> 20 }).count > 1)
    }
}
