/// Disclosure control of a two-dimensional table published with its row, column and grand
/// totals.
///
/// The table with its totals is an (m+1)×(n+1) grid in which every row and every column adds
/// up to its last entry. Hidden entries are edges of a bipartite graph between the grid's rows
/// and columns; a hidden value can be worked out from the published ones exactly when its edge
/// is a bridge of that graph (it lies on no cycle of hidden entries). So, after primary
/// suppression (entries of fewer than `k` people), the algorithm repeats until nothing changes:
///
/// 1. in every row and column whose total is published, the hidden entries must be none, or
///    at least two standing together for at least `k` people: otherwise the cheapest published
///    entry of the line is hidden as well (the total itself when nothing else is left);
/// 2. every hidden entry must lie on a cycle of hidden entries: for a bridge, the cheapest path
///    of entries closing a cycle through it is hidden (a shortest path between its row and
///    its column, hidden entries costing nothing).
///
/// "Cheapest" prefers cells to totals, then fewer people, then smaller values, then the earlier
/// position in the grid, so the same table always gets the same pattern. The row and column
/// totals start from the pattern `LineSuppression` gives them as one-dimensional tables, so a
/// two-dimensional report hides the totals its one-dimensional reports hide.
struct TwoWaySuppression {
    /// Interior rows (the grid has one more, the column totals).
    let rows: Int
    /// Interior columns (the grid has one more, the row totals).
    let columns: Int
    /// The entries present, in row-major order of the grid.
    private(set) var entries: [SuppressionEntry] = []
    /// Each entry's row and column in the grid.
    private(set) var positions: [(row: Int, column: Int)] = []
    private var grid: [[Int?]]

    /// A grid of `rows`×`columns` cells, with totals; `entry(row, column)` gives each entry
    /// (row `rows` and column `columns` are the totals), `nil` for a cell nobody stands behind.
    /// Every total must be present.
    init(rows: Int, columns: Int, entry: (Int, Int) -> SuppressionEntry?) {
        self.rows = rows
        self.columns = columns
        grid = Array(repeating: Array(repeating: nil, count: columns + 1), count: rows + 1)
        for row in 0...rows {
            for column in 0...columns {
                guard var value = entry(row, column) else {
                    precondition(row < rows && column < columns, "every total must be present")
                    continue
                }
                value.isTotal = row == rows || column == columns
                grid[row][column] = entries.count
                entries.append(value)
                positions.append((row, column))
            }
        }
    }

    /// The index of the entry at `row`, `column`, if present.
    func index(_ row: Int, _ column: Int) -> Int? { grid[row][column] }

    /// Which entries to hide, by index, for threshold `minCell`.
    func hidden(minCell: Int) -> [Bool] {
        var hidden = [Bool](repeating: false, count: entries.count)
        guard entries[grid[rows][columns]!].people >= minCell else {
            return [Bool](repeating: true, count: entries.count)
        }
        for line in [marginLine(ofRows: true), marginLine(ofRows: false)] {
            let pattern = LineSuppression.hidden(
                cells: line.map { entries[$0] }, total: entries[grid[rows][columns]!], minCell: minCell)
            for position in pattern.cells { hidden[line[position]] = true }
        }
        for index in entries.indices where entries[index].people < minCell {
            hidden[index] = true
        }
        while repairLine(&hidden, minCell: minCell) || repairBridge(&hidden) {}
        return hidden
    }

    /// The totals of the rows (or of the columns), without the grand total.
    private func marginLine(ofRows: Bool) -> [Int] {
        ofRows ? (0..<rows).map { grid[$0][columns]! } : (0..<columns).map { grid[rows][$0]! }
    }

    /// Every line of the grid: its entries other than the total, and its total.
    private var lines: [(members: [Int], total: Int)] {
        var lines: [(members: [Int], total: Int)] = []
        for row in 0...rows {
            lines.append(((0..<columns).compactMap { grid[row][$0] }, grid[row][columns]!))
        }
        for column in 0...columns {
            lines.append(((0..<rows).compactMap { grid[$0][column] }, grid[rows][column]!))
        }
        return lines
    }

    /// Hides one more entry in the first line that hides exactly one entry, or whose hidden
    /// entries stand for fewer than `minCell` people while its total is published.
    private func repairLine(_ hidden: inout [Bool], minCell: Int) -> Bool {
        for line in lines {
            let hiddenMembers = line.members.filter { hidden[$0] }
            let hiddenCount = hiddenMembers.count + (hidden[line.total] ? 1 : 0)
            let hiddenPeople = hiddenMembers.reduce(0) { $0 + entries[$1].people }
            let isUnsafe = hiddenCount == 1 || (!hidden[line.total] && !hiddenMembers.isEmpty && hiddenPeople < minCell)
            guard isUnsafe else { continue }
            let candidates = line.members.filter { !hidden[$0] }
            if let cheapest = candidates.min(by: { entries[$0].isCheaper(than: entries[$1], index: $0, otherIndex: $1) }) {
                hidden[cheapest] = true
            } else if !hidden[line.total] {
                hidden[line.total] = true
            } else {
                continue
            }
            return true
        }
        return false
    }

    /// Closes a cycle through the first hidden entry that is a bridge, hiding the cheapest
    /// path of entries that does it.
    private func repairBridge(_ hidden: inout [Bool]) -> Bool {
        guard let bridge = HiddenEntryGraph(self, hidden: hidden).firstBridge() else { return false }
        let (row, column) = positions[bridge]
        guard let path = cheapestPath(fromColumn: column, toRow: row, avoiding: bridge, hidden: hidden) else {
            return false
        }
        for index in path { hidden[index] = true }
        return true
    }

    /// The published entries on the cheapest path from `column` to `row` through the grid
    /// (alternating columns and rows), not using `avoiding`; hidden entries cost nothing.
    private func cheapestPath(fromColumn column: Int, toRow row: Int, avoiding: Int, hidden: [Bool]) -> [Int]? {
        typealias Cost = (totals: Int, people: Int, value: Double, steps: Int)
        func less(_ a: Cost, _ b: Cost) -> Bool { (a.totals, a.people, a.value, a.steps) < (b.totals, b.people, b.value, b.steps) }
        // Vertices: rows 0...rows, then columns 0...columns.
        let vertexCount = rows + columns + 2
        let start = rows + 1 + column
        var cost = [Cost?](repeating: nil, count: vertexCount)
        var via = [Int?](repeating: nil, count: vertexCount)
        var done = [Bool](repeating: false, count: vertexCount)
        cost[start] = (0, 0, 0, 0)
        while true {
            var current: Int?
            for vertex in 0..<vertexCount where !done[vertex] {
                guard let candidate = cost[vertex] else { continue }
                if current == nil || less(candidate, cost[current!]!) { current = vertex }
            }
            guard let vertex = current else { return nil }
            if vertex == row { break }
            done[vertex] = true
            for index in edges(of: vertex) where index != avoiding {
                let entry = entries[index]
                let (entryRow, entryColumn) = positions[index]
                let next = vertex <= rows ? rows + 1 + entryColumn : entryRow
                guard !done[next] else { continue }
                let base = cost[vertex]!
                let step: Cost = hidden[index]
                    ? (base.totals, base.people, base.value, base.steps + 1)
                    : (base.totals + (entry.isTotal ? 1 : 0), base.people + entry.people, base.value + entry.value, base.steps + 1)
                if cost[next] == nil || less(step, cost[next]!) {
                    cost[next] = step
                    via[next] = index
                }
            }
        }
        var path: [Int] = []
        var vertex = row
        while vertex != start, let index = via[vertex] {
            if !hidden[index] { path.append(index) }
            let (entryRow, entryColumn) = positions[index]
            vertex = vertex <= rows ? rows + 1 + entryColumn : entryRow
        }
        return path
    }

    /// The entries of a grid vertex: a row's entries (vertex ≤ `rows`) or a column's.
    func edges(of vertex: Int) -> [Int] {
        if vertex <= rows {
            return (0...columns).compactMap { grid[vertex][$0] }
        }
        let column = vertex - rows - 1
        return (0...rows).compactMap { grid[$0][column] }
    }
}

/// The bipartite graph of hidden entries (rows and columns as vertices, hidden entries as
/// edges), and its bridges.
private struct HiddenEntryGraph {
    private let table: TwoWaySuppression
    private let hidden: [Bool]

    init(_ table: TwoWaySuppression, hidden: [Bool]) {
        self.table = table
        self.hidden = hidden
    }

    /// The hidden entry with the smallest index that lies on no cycle of hidden entries.
    func firstBridge() -> Int? {
        let vertexCount = table.rows + table.columns + 2
        var discovered = [Int](repeating: -1, count: vertexCount)
        var low = [Int](repeating: 0, count: vertexCount)
        var time = 0
        var bridges: [Int] = []
        func other(_ index: Int, _ vertex: Int) -> Int {
            let (row, column) = table.positions[index]
            return vertex <= table.rows ? table.rows + 1 + column : row
        }
        func visit(_ vertex: Int, through incoming: Int?) {
            discovered[vertex] = time
            low[vertex] = time
            time += 1
            for index in table.edges(of: vertex) where hidden[index] && index != incoming {
                let next = other(index, vertex)
                if discovered[next] < 0 {
                    visit(next, through: index)
                    low[vertex] = min(low[vertex], low[next])
                    if low[next] > discovered[vertex] { bridges.append(index) }
                } else {
                    low[vertex] = min(low[vertex], discovered[next])
                }
            }
        }
        for vertex in 0..<vertexCount where discovered[vertex] < 0 {
            visit(vertex, through: nil)
        }
        return bridges.min()
    }
}
