extension [UInt8] {
    /// `count` zero bytes, for output that is written in place (a sealed box, a digest).
    ///
    /// Made from `repeatElement`, which the compiler specialises for bytes (an allocation and a
    /// `memset`); `init(repeating:count:)` and `init(unsafeUninitializedCapacity:initializingWith:)`
    /// allocate through the standard library's unspecialised code, which looks the array's type
    /// up at run time on every call.
    @inline(__always)
    static func zeroed(count: Int) -> [UInt8] {
        Array(repeatElement(0, count: count))
    }
}
