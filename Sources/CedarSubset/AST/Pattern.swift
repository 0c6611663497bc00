/// A `like` pattern: literal scalars and `*` wildcards (a written `\*` is a literal star).
struct Pattern: Sendable {
    enum Element: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case wildcard
    }

    let elements: [Element]

    /// Whether `text` matches the whole pattern, each wildcard standing for any run of scalars.
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var textIndex = 0
        var patternIndex = 0
        var starIndex = -1
        var resumeIndex = 0
        while textIndex < scalars.count {
            if patternIndex < elements.count, elements[patternIndex] == .wildcard {
                starIndex = patternIndex
                resumeIndex = textIndex
                patternIndex += 1
            } else if patternIndex < elements.count, elements[patternIndex] == .scalar(scalars[textIndex]) {
                textIndex += 1
                patternIndex += 1
            } else if starIndex >= 0 {
                patternIndex = starIndex + 1
                resumeIndex += 1
                textIndex = resumeIndex
            } else {
                return false
            }
        }
        while patternIndex < elements.count, elements[patternIndex] == .wildcard {
            patternIndex += 1
        }
        return patternIndex == elements.count
    }
}
