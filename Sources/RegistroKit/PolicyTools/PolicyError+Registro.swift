import CedarSubset

extension PolicyError {
    /// The registry's user-facing error for this one: invalid input data (exit 65), every
    /// problem on its own line.
    public var registroError: RegistroError {
        .invalidData(description)
    }
}
