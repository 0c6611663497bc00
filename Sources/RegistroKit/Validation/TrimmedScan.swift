/// Reads the characters of a short field in one pass over its UTF-8 bytes, ignoring the spaces
/// around it, for the validators that read numbers and dates.
enum TrimmedScan {
    /// Calls `body` with each character between the first and the last that is not a space,
    /// tab or line break, and its 1-based position counted from the first such character.
    ///
    /// ASCII characters arrive as themselves (including spaces inside the text, which every
    /// caller rejects); any other character arrives as its UTF-8 lead byte, 0xC0 or above, so it
    /// can be rejected by position without being decoded.
    /// - Returns: how many characters `body` received; 0 for an empty or blank text.
    static func characters(
        of text: String, _ body: (_ byte: UInt8, _ position: Int) throws(FieldProblem) -> Void
    ) throws(FieldProblem) -> Int {
        // The bytes read in place when the string holds them contiguously (as it does when read
        // from a file), rather than through the view's indices.
        let scanned: Result<Int, FieldProblem>? = text.utf8.withContiguousStorageIfAvailable { bytes in
            do throws(FieldProblem) {
                return .success(try characters(of: bytes, body))
            } catch {
                return .failure(error)
            }
        }
        if let scanned { return try scanned.get() }
        return try characters(of: text.utf8, body)
    }

    /// `characters(of:_:)` over the UTF-8 bytes `bytes`.
    @inline(__always)
    private static func characters(
        of bytes: some Sequence<UInt8>, _ body: (_ byte: UInt8, _ position: Int) throws(FieldProblem) -> Void
    ) throws(FieldProblem) -> Int {
        var position = 0
        var pendingSpaces = 0
        for byte in bytes where byte & 0xC0 != 0x80 {
            if ASCII.isSpace(byte) {
                if position > 0 { pendingSpaces += 1 }
                continue
            }
            while pendingSpaces > 0 {
                pendingSpaces -= 1
                position += 1
                try body(0x20, position)
            }
            position += 1
            try body(byte, position)
        }
        return position
    }

    /// Whether `text` is empty or holds only spaces, tabs and line breaks; reads its bytes in
    /// place and stops at the first other one.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(ASCII.isSpace) } ?? trimmed(text).isEmpty
    }

    /// Whether `text` is not empty and neither begins nor ends with a space, tab or line break:
    /// its first and last bytes read in place, not through the string's indices.
    static func isTrimmed(_ text: String) -> Bool {
        let ends = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return !ASCII.isSpace(first) && !ASCII.isSpace(last)
        }
        if let ends { return ends }
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return !ASCII.isSpace(first) && !ASCII.isSpace(last)
    }

    /// `text` without the spaces, tabs and line breaks around it.
    static func trimmed(_ text: String) -> Substring {
        // Most texts have nothing to trim: their whole, without looking for where they start and
        // end and checking those indices (an import trims each of a new person's fields).
        if isTrimmed(text) { return text[...] }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !ASCII.isSpace($0) }),
            let last = utf8.lastIndex(where: { !ASCII.isSpace($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
