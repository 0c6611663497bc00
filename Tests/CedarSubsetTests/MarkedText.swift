import Foundation

@testable import CedarSubset

/// A fixture with a marker (`👉`) placed just before the token a diagnostic must point at, as
/// swift-format marks where its findings go.
struct MarkedText {
    static let marker = "👉"

    /// The text without the marker.
    let text: String
    /// Where the marker was, in the text without it.
    let location: SourceLocation

    init(_ marked: String) {
        let parts = marked.components(separatedBy: MarkedText.marker)
        precondition(parts.count == 2, "a marked fixture needs exactly one \(MarkedText.marker)")
        text = parts[0] + parts[1]
        location = LineTable(text).location(ofOffset: parts[0].utf8.count)
    }
}
