/// Where a checkpoint the audit log is checked against comes from, so that a failed verification
/// names it in any language: a file the privacy officer kept, the registry's own store, or a line
/// of the witness.
public enum AuditCheckpointSource: Sendable, Equatable, CustomStringConvertible {
    /// A checkpoint file given to `audit verify`, as named there.
    case file(String)
    /// The checkpoint of entry `seq` stored in the registry.
    case stored(seq: Int64)
    /// Line `line` of the witness at `witness`.
    case witnessLine(Int, witness: String)

    /// The source in the library's English, e.g. "line 2 of the witness `registro.db.witness`".
    public var description: String {
        switch self {
        case .file(let name): "checkpoint `\(name)`"
        case .stored(let seq): "the checkpoint of entry \(seq) stored in the registry"
        case .witnessLine(let line, let witness): "line \(line) of the witness `\(witness)`"
        }
    }
}
