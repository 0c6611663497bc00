/// A step of building the demonstration registry, reported as it happens, for a front end to
/// word in its language.
public enum DemoProgress: Sendable, Equatable {
    /// The synthetic people and deliveries are being generated from `seed`.
    case generating(people: Int, deliveries: Int, seed: UInt64)
    /// `organisation`'s spreadsheet was imported: `deliveries` rows, `people` new people.
    case imported(organisation: String, deliveries: Int, people: Int)
    /// An import problem in the synthetic data, which should have none (`problem` in the
    /// library's words; the data is synthetic, so it names nobody).
    case unexpectedProblem(String)
    /// A consent grant and an emergency access are being recorded.
    case sharing
}
