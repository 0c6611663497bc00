extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes the last `count` decimal digits of `value` (not negative), zero-padded, so that the
    /// last digit lands at `end`: the fixed-width fields of dates and times, without a string.
    func putDigits(_ value: Int, endingAt end: Int, count: Int) {
        var rest = value
        for offset in stride(from: end, to: end - count, by: -1) {
            self[offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Writes a day as `YYYY-MM-DD` into the first ten bytes.
    func putISODate(year: Int, month: Int, day: Int) {
        putDigits(year, endingAt: 3, count: 4)
        self[4] = UInt8(ascii: "-")
        putDigits(month, endingAt: 6, count: 2)
        self[7] = UInt8(ascii: "-")
        putDigits(day, endingAt: 9, count: 2)
    }
}

/// Calls `body` with the decimal text of `value` as `String(value)` writes it (a `-` first when
/// negative), written on the stack without making a string; the bytes are valid only during the
/// call.
func withDecimalText<Result>(_ value: Int64, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    var magnitude = value.magnitude
    // Int64.min: a sign and 19 digits.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
        var start = text.count
        repeat {
            start -= 1
            text[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude != 0
        if value < 0 {
            start -= 1
            text[start] = UInt8(ascii: "-")
        }
        return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[start...])))
    }
}
