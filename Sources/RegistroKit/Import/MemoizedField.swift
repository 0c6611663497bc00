/// A delivery column of an import whose distinct texts are each decoded and validated once:
/// for each row, `lookUp` with the field's bytes first (before decoding), then `value`.
struct MemoizedField<Value> {
    /// What each text validated to; `nil` inside for a blank optional field.
    private var memo = ByteMemo<Value?>(limit: 4096)
    /// The current row's bytes, valid until the reader moves on.
    private var bytes: UnsafeRawBufferPointer?
    /// What the current row's bytes validated to before, when they were met before.
    private var known: Value??

    /// Looks up the current row's bytes; `true` when they were met before and need no decoding.
    mutating func lookUp(_ bytes: UnsafeRawBufferPointer) -> Bool {
        self.bytes = bytes
        known = memo.value(for: bytes)
        return known != nil
    }

    /// The current row's value: the one remembered for its bytes, else `validate(text)`,
    /// remembered when it adds no problem. `text` is `nil` when the column is absent.
    mutating func value(
        _ text: String?, _ problems: inout [RecordProblem], _ validate: (String?, inout [RecordProblem]) -> Value?
    ) -> Value? {
        defer {
            bytes = nil
            known = nil
        }
        if let known { return known }
        let before = problems.count
        let value = validate(text, &problems)
        if problems.count == before, let bytes { memo.remember(value, for: bytes) }
        return value
    }
}
