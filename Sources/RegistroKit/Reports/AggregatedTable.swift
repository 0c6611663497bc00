/// The cells and totals of a table before disclosure control, with each dimension's values
/// in report order.
///
/// A cell is addressed by one index per dimension into `values`; `totalIndex` in a position
/// means "every value of that dimension". Keys pack up to four 16-bit indexes in a `UInt64`.
struct AggregatedTable: Sendable {
    /// The index that stands for a total over a dimension.
    static let totalIndex: UInt16 = .max

    /// The dimensions, in order.
    let dimensions: [ReportDimension]
    /// Each dimension's values, in report order.
    let values: [[String]]
    /// Cells and totals by packed key; cells nobody stands behind are absent.
    let cells: [UInt64: CellTotals]

    /// `indexes` packed into one key.
    static func pack(_ indexes: [UInt16]) -> UInt64 {
        var key: UInt64 = 0
        for index in indexes {
            key = key << 16 | UInt64(index)
        }
        return key
    }

    /// The `count` indexes packed in `key`.
    static func unpack(_ key: UInt64, count: Int) -> [UInt16] {
        (0..<count).map { position in UInt16(truncatingIfNeeded: key >> (16 * UInt64(count - 1 - position))) }
    }

    /// The cell or total at `indexes`, if anybody stands behind it.
    func cell(_ indexes: [UInt16]) -> CellTotals? {
        cells[Self.pack(indexes)]
    }

    /// The keys of the cells (not totals), in report order: by the first dimension, then the
    /// second, and so on.
    var cellKeys: [[UInt16]] {
        cells.keys.map { Self.unpack($0, count: dimensions.count) }
            .filter { !$0.contains(Self.totalIndex) }
            .sorted { $0.lexicographicallyPrecedes($1) }
    }
}
