import Foundation

/// A string compared and hashed by its UTF-8 bytes, that is by its Unicode scalars, as Cedar
/// compares strings — not by canonical equivalence, as Swift's `String` does (`"é"` written as
/// one scalar and as `e` plus a combining accent are two different Cedar strings).
struct ScalarString: Hashable, Sendable, Comparable, CustomStringConvertible {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    init(_ substring: Substring) {
        self.string = String(substring)
    }

    static func == (lhs: ScalarString, rhs: ScalarString) -> Bool {
        scalarsEqual(lhs.string, rhs.string)
    }

    func hash(into hasher: inout Hasher) {
        hashScalars(string, into: &hasher)
    }

    static func < (lhs: ScalarString, rhs: ScalarString) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }

    var description: String { string }
}

/// Whether two strings have the same Unicode scalars.
@inline(__always)
func scalarsEqual(_ lhs: String, _ rhs: String) -> Bool {
    let result = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right -> Bool in
            guard left.count == right.count else { return false }
            guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
            return memcmp(leftBase, rightBase, left.count) == 0
        }
    }
    if let result, let result { return result }
    return lhs.utf8.elementsEqual(rhs.utf8)
}

/// Feeds a string's UTF-8 bytes (and their count) to `hasher`.
@inline(__always)
func hashScalars(_ string: String, into hasher: inout Hasher) {
    let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
        hasher.combine(bytes.count)
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
    if done == nil {
        let bytes = Array(string.utf8)
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
