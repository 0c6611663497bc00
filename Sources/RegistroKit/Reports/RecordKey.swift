/// The record key of the cell key method: a random number in 0 ..< 2^32 given to each person
/// when they are recorded, and kept through erasure. It is not personal data and says nothing
/// about the person; a report adds up the keys of the distinct people behind a figure into the
/// figure's cell key (see `CellKey`).
enum RecordKey {
    /// A fresh record key from libsodium's random source.
    static func random(_ pool: RandomPool) -> UInt32 {
        var key: UInt32 = 0
        withUnsafeMutableBytes(of: &key) { pool.fill($0.baseAddress!, count: $0.count) }
        return key
    }
}

/// The cell key of a figure: the sum, modulo 2^32, of the record keys of the distinct people
/// behind it, read as a fraction of 2^32 in [0, 1). The same people always give the same cell
/// key, and adding or removing one person gives an unrelated one (their own key is uniform).
struct CellKey: Sendable, Equatable {
    /// The sum of the record keys, modulo 2^32.
    var sum: UInt32 = 0

    /// Adds a person's record key (each person once: the caller counts people distinct).
    mutating func add(_ recordKey: UInt32) {
        sum &+= recordKey
    }

    /// The key read for one use of it: people, deliveries and magnitudes of a cell each read
    /// the key shifted by their own multiple of 2^32 / φ, so that their perturbations differ
    /// while each stays a function of the same people.
    func fraction(_ use: Use) -> Double {
        Double(sum &+ use.rawValue &* 0x9E37_79B9) / 4_294_967_296
    }

    /// What a cell key is read for.
    enum Use: UInt32 {
        /// The count of people.
        case people = 0
        /// The count of deliveries (or of rated deliveries).
        case deliveries = 1
        /// A magnitude: hours, or the sum of impact ratings.
        case magnitude = 2
    }
}
