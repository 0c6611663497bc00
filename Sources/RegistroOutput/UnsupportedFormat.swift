/// A format asked of a view that has no rendering in it.
public struct UnsupportedFormat: Error, Equatable, Sendable {
    /// The format asked for.
    public var format: OutputFormat
    /// What the view shows, e.g. `a case file`.
    public var noun: String
    /// The formats the view has.
    public var supported: [OutputFormat]

    /// A refusal of `format` by a view showing `noun`, which has the `supported` formats.
    public init(format: OutputFormat, noun: String, supported: [OutputFormat]) {
        self.format = format
        self.noun = noun
        self.supported = supported
    }

    /// One sentence: what was asked, and what is possible, e.g. `a case file is shown as table
    /// or json, not csv`.
    public var message: String {
        "\(noun) is shown as \(OutputFormat.names(supported)), not \(format.rawValue)"
    }
}
