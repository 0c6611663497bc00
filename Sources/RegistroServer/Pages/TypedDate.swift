import Foundation

/// A date typed in a form: `GG/MM/AAAA` (or `G/M/AAAA`), or already `AAAA-MM-GG`.
enum TypedDate {
    /// The ISO form the library reads, or the text unchanged for the library to refuse with its
    /// own reason.
    static func iso(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), parts[2].count == 4,
            let year = Int(parts[2])
        else { return trimmed }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
