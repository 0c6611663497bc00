extension CodeKind {
    /// The codes of this kind that ship with every registry (`Schema/codes/KIND.csv`), with their
    /// labels: what front ends show in place of a code.
    ///
    /// - Throws: `RegistroError` (internal) when the embedded list is malformed, which the tests
    ///   of `Schema/codes/` prevent.
    public func builtInCodes() throws -> [ReferenceCode] {
        try ReferenceCodeLoader.builtInCodes(self)
    }
}

extension ReferenceCode {
    /// The code's Italian label (`label_it`).
    public var italianLabel: String { values[1] }
    /// The code's English label (`label_en`).
    public var englishLabel: String { values[2] }
}
