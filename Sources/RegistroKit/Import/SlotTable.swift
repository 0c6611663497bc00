/// What an import's importer remembers for each slot (`PersonReference`), by slot number.
///
/// The reading thread numbers slots one after another, and starts its memo again (the importer
/// then calls `removeAll`) at a slot after all the earlier ones, so the slots met between two
/// such starts are a run of consecutive numbers: they are kept in an array from the first on,
/// which a row's look-up reaches without hashing, and which holds a value in 24 bytes rather than
/// a dictionary's hashed buckets.
struct SlotTable<Value> {
    private var values: [Value?] = []
    /// The slot of `values[0]`.
    private var first = 0

    /// The value of `slot`, if one was set since the last `removeAll`.
    subscript(slot: Int) -> Value? {
        get {
            let index = slot - first
            return index >= 0 && index < values.count ? values[index] : nil
        }
        set {
            if values.isEmpty { first = slot }
            if slot < first {
                // Not how the parser numbers slots, but kept correct all the same.
                values.insert(contentsOf: repeatElement(nil, count: first - slot), at: 0)
                first = slot
            }
            let index = slot - first
            if index >= values.count {
                values.append(contentsOf: repeatElement(nil, count: index - values.count + 1))
            }
            values[index] = newValue
        }
    }

    /// Forgets every slot, keeping the storage.
    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
    }
}
