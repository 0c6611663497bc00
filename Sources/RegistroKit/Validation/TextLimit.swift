/// The length limits of the registry's free-text fields, and the check that applies them.
///
/// Limits count characters as people see them. They keep a mistaken paste (a whole document in
/// a name field) out of the registry and bound what every sealed field costs.
public enum TextLimit {
    /// Given and family names.
    public static let name = 100
    /// A postal address.
    public static let address = 200
    /// The name of a comune or territory.
    public static let comune = 100
    /// An organisation's own file number for a person (`ref`).
    public static let reference = 64
    /// A project or funding line.
    public static let project = 100
    /// Free-text notes on a person or a delivery.
    public static let notes = 4000

    /// `text` without surrounding spaces and line breaks, when it has at most `limit`
    /// characters.
    /// - Parameters:
    ///   - text: the text as typed or imported.
    ///   - limit: the most characters allowed, such as ``notes``.
    /// - Throws: a ``FieldProblem`` naming the limit, pointing at the first character past it.
    public static func checked(_ text: String, limit: Int) throws(FieldProblem) -> String {
        // The usual text, nothing around it and no more bytes than the limit, is returned as is.
        if text.utf8.count <= limit && TrimmedScan.isTrimmed(text) { return text }
        let trimmed = TrimmedScan.trimmed(text)
        // A text of at most `limit` bytes has at most `limit` characters: count only longer ones.
        guard trimmed.utf8.count > limit, trimmed.count > limit else {
            return trimmed.utf8.count == text.utf8.count ? text : String(trimmed)
        }
        throw FieldProblem(
            "is longer than the limit of \(limit) characters; shorten it", position: limit + 1,
            key: .tooLong(limit: limit))
    }
}
