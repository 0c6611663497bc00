/// A hash table from `UInt64` keys to dense indexes 0, 1, 2… in order of insertion, with open
/// addressing and a multiplicative hash: the hot path of counting cells and distinct people
/// over a million deliveries, and of an import's memos, several times cheaper than
/// `Dictionary` and `Set` with their seeded hashing.
struct IntegerHashTable {
    private var keys: [UInt64]
    /// 0 for an empty slot, else the key's index + 1.
    private var slots: [Int32]
    private var shift: UInt64
    /// How many keys the table holds.
    private(set) var count = 0

    /// An empty table sized for about `capacity` keys before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The index of `key`, given the next index (`count` before the call) if it was absent,
    /// and whether it was.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> (index: Int, inserted: Bool) {
        if count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 {
                keys[slot] = key
                count += 1
                slots[slot] = Int32(count)
                return (count - 1, true)
            }
            if keys[slot] == key { return (Int(stored) - 1, false) }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, or `nil` when it is absent.
    @inline(__always)
    func index(of key: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            if keys[slot] == key { return Int(stored) - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        keys = Array(repeating: 0, count: oldSlots.count * 2)
        slots = Array(repeating: 0, count: oldSlots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (position, stored) in oldSlots.enumerated() where stored != 0 {
            var slot = Int(truncatingIfNeeded: (oldKeys[position] &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[position]
            slots[slot] = stored
        }
    }
}
