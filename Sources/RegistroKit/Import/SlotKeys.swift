/// The data keys of the people an import created, by the slot (`PersonReference`) that named
/// them, for the notes of the slot's later rows, which are sealed under the person's key.
///
/// A fixed number of places, a slot's place its number modulo their count: a look-up is an
/// index and a comparison, where a dictionary hashed the person's id for every new person. A slot
/// whose place another took since finds no key here, and the writer reads the person's key
/// (`RecordWriter.dataKey(for:)`). At most `capacity` keys are held, as the writer's own cache.
struct SlotKeys {
    /// How many keys are held at most: a power of two.
    static let capacity = 4096
    private var places: [(slot: Int, key: SecretKey)?] = Array(repeating: nil, count: SlotKeys.capacity)

    /// The key of the person created for `slot`, while it holds its place.
    subscript(slot: Int) -> SecretKey? {
        get {
            guard let place = places[slot & (Self.capacity - 1)], place.slot == slot else { return nil }
            return place.key
        }
        set {
            places[slot & (Self.capacity - 1)] = newValue.map { (slot, $0) }
        }
    }
}
