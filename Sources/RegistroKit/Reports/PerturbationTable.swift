import Foundation

/// The perturbation table of the cell key method (as the Australian Bureau of Statistics'
/// TableBuilder and the `ptable` R package build it): for each true count, the distribution of
/// the perturbation added to it, read at a figure's cell key.
///
/// Every distribution lies within `-maximum … maximum`, has mean 0 (the published figure is an
/// unbiased estimate of the true one) and variance `variance`; a count never becomes negative
/// (a count `i` below `maximum` is perturbed by at least `-i`), and zero stays zero. Among the
/// distributions with those properties each row is the one of greatest entropy, which has the
/// form `p(j) ∝ exp(a·j + b·j²)` over its support (a discretised normal for large counts, skewed
/// upwards for small ones); counts from `maximum` up share the symmetric row.
struct PerturbationTable: Sendable {
    /// The table reports use: perturbations of at most 3, variance 1 (see `Docs/REPORTS.md`).
    static let standard = PerturbationTable(maximum: 3, variance: 1)

    /// The largest perturbation, up or down.
    let maximum: Int
    /// The variance of every row.
    let variance: Double
    /// Rows for counts 1 … `maximum`: each perturbation with its probability, in ascending
    /// order of perturbation.
    let rows: [[(perturbation: Int, probability: Double)]]

    /// The table of greatest entropy with perturbations within `-maximum … maximum` and the
    /// given variance (which must be reachable: below `maximum²` and, for the count 1,
    /// below `maximum`).
    init(maximum: Int, variance: Double) {
        precondition(maximum >= 1 && variance > 0 && variance < Double(maximum))
        self.maximum = maximum
        self.variance = variance
        rows = (1...maximum).map { Self.row(support: Array(-$0...maximum), variance: variance) }
    }

    /// The distribution of the perturbation of a true count `value` (`[(0, 1)]` for zero).
    func distribution(of value: Int) -> [(perturbation: Int, probability: Double)] {
        precondition(value >= 0)
        return value == 0 ? [(0, 1)] : rows[min(value, maximum) - 1]
    }

    /// The perturbation of `value` at cell key fraction `key` (in [0, 1)): the perturbation
    /// whose interval of the cumulative distribution holds the key.
    func perturbation(of value: Int, key: Double) -> Int {
        var cumulative = 0.0
        let row = distribution(of: value)
        for entry in row {
            cumulative += entry.probability
            if key < cumulative { return entry.perturbation }
        }
        return row.last!.perturbation
    }

    /// The maximum-entropy distribution over `support` with mean 0 and variance `variance`:
    /// Newton's method on the two parameters of `exp(a·j + b·j²)`.
    private static func row(support: [Int], variance: Double) -> [(perturbation: Int, probability: Double)] {
        var (a, b) = (0.0, -0.5 / variance)
        var probabilities: [Double] = []
        for _ in 0..<200 {
            let weights = support.map { exp(a * Double($0) + b * Double($0 * $0)) }
            let sum = weights.reduce(0, +)
            probabilities = weights.map { $0 / sum }
            func moment(_ power: Int) -> Double {
                zip(support, probabilities).reduce(0) { $0 + $1.1 * pow(Double($1.0), Double(power)) }
            }
            let (m1, m2, m3, m4) = (moment(1), moment(2), moment(3), moment(4))
            let (f1, f2) = (m1, m2 - variance)
            if abs(f1) < 1e-15 && abs(f2) < 1e-15 { break }
            let (j11, j12, j22) = (m2 - m1 * m1, m3 - m1 * m2, m4 - m2 * m2)
            let determinant = j11 * j22 - j12 * j12
            a -= (j22 * f1 - j12 * f2) / determinant
            b -= (j11 * f2 - j12 * f1) / determinant
        }
        return Array(zip(support, probabilities))
    }
}
