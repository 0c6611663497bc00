import GRDB

/// Builds the cells and totals of a table from the rows of its `ReportQuery`, counting
/// distinct people in every cell and total.
///
/// Each query row is one (cell, person) pair with that person's sums in the cell. A cell's
/// people are its rows; a total's people are the distinct persons of the rows it adds up,
/// tracked in a set; a total's sums add every row once. The `vulnerability` dimension is not
/// in SQL: each row is expanded to the person's vulnerability codes, and totals over
/// vulnerabilities take the row once, so a person with several vulnerabilities counts once in
/// them.
///
/// Which totals are kept: one dimension, the grand total; two dimensions, row, column and
/// grand totals; three or more, the grand total only (see `Docs/REPORTS.md`).
final class TableAccumulator {
    /// The table's dimensions, in order.
    let dimensions: [ReportDimension]
    /// The measure, which decides the columns read.
    let measure: ReportMeasure
    /// The totals kept: for each, which dimension positions it adds up over.
    private let totalPatterns: [[Bool]]
    /// Where `vulnerability` stands among the dimensions, if it is one.
    private let vulnerabilityPosition: Int?

    /// Distinct values seen, per dimension, in order of first sight.
    private(set) var values: [[String]]
    private var valueIndexes: [[String: UInt16]]
    /// Cells and totals by packed key (see `AggregatedTable.pack`).
    private(set) var cells: [UInt64: CellTotals] = [:]
    private var personIndexes: [String: Int32] = [:]
    private var vulnerabilityCodes: [Int32: [UInt16]] = [:]
    private var seenInTotals = Set<TotalMembership>()
    private var seenInGrandTotal: [Bool] = []

    private struct TotalMembership: Hashable {
        let key: UInt64
        let person: Int32
    }

    init(dimensions: [ReportDimension], measure: ReportMeasure) {
        precondition(dimensions.count <= ReportDimension.maximumCount)
        self.dimensions = dimensions
        self.measure = measure
        vulnerabilityPosition = dimensions.firstIndex(of: .vulnerability)
        values = Array(repeating: [], count: dimensions.count)
        valueIndexes = Array(repeating: [:], count: dimensions.count)
        let all = Array(repeating: true, count: dimensions.count)
        switch dimensions.count {
        case 0: totalPatterns = []
        case 2: totalPatterns = [[false, true], [true, false], all]
        default: totalPatterns = [all]
        }
    }

    /// Reads the vulnerability codes of every person, when `vulnerability` is a dimension.
    func loadVulnerabilities(_ db: Database) throws {
        guard let position = vulnerabilityPosition else { return }
        let cursor = try Row.fetchCursor(db, sql: "SELECT DISTINCT beneficiary_id, code FROM beneficiary_vulnerability")
        while let row = try cursor.next() {
            let person = personIndex(row[0])
            vulnerabilityCodes[person, default: []].append(valueIndex(row[1], position))
        }
        for person in vulnerabilityCodes.keys {
            vulnerabilityCodes[person]!.sort()
        }
    }

    /// Runs `query` and adds every row.
    func add(_ query: ReportQuery, _ db: Database) throws {
        try add(sql: query.sql, arguments: query.arguments, db)
    }

    /// Runs `sql`, whose rows are the dimension values other than `vulnerability`, in order,
    /// the person, then the sums the measure needs (see `ReportQuery`), and adds every row.
    func add(sql: String, arguments: [String], _ db: Database) throws {
        let statement = try db.makeStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
        let sqlPositions = dimensions.indices.filter { $0 != vulnerabilityPosition }
        let personColumn = sqlPositions.count
        var previous: [String] = []
        var base = [UInt16](repeating: 0, count: dimensions.count)
        while let row = try cursor.next() {
            for (column, position) in sqlPositions.enumerated() {
                let text: String = row[column]
                if previous.count <= column {
                    previous.append(text)
                } else if previous[column] == text {
                    continue
                } else {
                    previous[column] = text
                }
                base[position] = valueIndex(text, position)
            }
            var sums = CellTotals()
            switch measure {
            case .beneficiaries: break
            case .deliveries: sums.deliveries = row[personColumn + 1]
            case .hours: sums.hours = row[personColumn + 1] ?? 0
            case .impact:
                sums.impactSum = row[personColumn + 1] ?? 0
                sums.impactCount = row[personColumn + 2]
            }
            add(base: base, person: personIndex(row[personColumn]), sums: sums)
        }
    }

    /// Adds one (cell, person) row: to its cell, or to each of the person's vulnerability
    /// cells, and to the totals that contain it.
    private func add(base: [UInt16], person: Int32, sums: CellTotals) {
        var key = base
        let codes: [UInt16]
        if let position = vulnerabilityPosition {
            codes = vulnerabilityCodes[person] ?? [valueIndex(ReportDimension.noVulnerability, position)]
        } else {
            codes = [0]
        }
        for code in codes {
            if let position = vulnerabilityPosition { key[position] = code }
            let packed = AggregatedTable.pack(key)
            cells[packed, default: CellTotals()].people += 1
            cells[packed]!.addSums(sums)
        }
        for pattern in totalPatterns {
            let overVulnerability = vulnerabilityPosition.map { pattern[$0] } ?? true
            for code in overVulnerability ? [codes[0]] : codes {
                if let position = vulnerabilityPosition { key[position] = code }
                var total = key
                for (position, collapsed) in pattern.enumerated() where collapsed {
                    total[position] = AggregatedTable.totalIndex
                }
                let packed = AggregatedTable.pack(total)
                let isNew = pattern.allSatisfy { $0 } ? markInGrandTotal(person) : seenInTotals.insert(TotalMembership(key: packed, person: person)).inserted
                if isNew { cells[packed, default: CellTotals()].people += 1 }
                cells[packed, default: CellTotals()].addSums(sums)
            }
        }
    }

    private func markInGrandTotal(_ person: Int32) -> Bool {
        if seenInGrandTotal[Int(person)] { return false }
        seenInGrandTotal[Int(person)] = true
        return true
    }

    private func personIndex(_ id: String) -> Int32 {
        if let index = personIndexes[id] { return index }
        let index = Int32(personIndexes.count)
        personIndexes[id] = index
        seenInGrandTotal.append(false)
        return index
    }

    private func valueIndex(_ value: String, _ position: Int) -> UInt16 {
        if let index = valueIndexes[position][value] { return index }
        let index = UInt16(values[position].count)
        precondition(index < AggregatedTable.totalIndex, "too many distinct values in one dimension")
        values[position].append(value)
        valueIndexes[position][value] = index
        return index
    }

    /// The cells and totals, with each dimension's values in their report order.
    func table() -> AggregatedTable {
        var order: [[UInt16]] = []
        var sortedValues: [[String]] = []
        for (position, dimension) in dimensions.enumerated() {
            let sorted = values[position].sorted { dimension.orders($0, before: $1) }
            let rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, UInt16($0.offset)) })
            order.append(values[position].map { rank[$0]! })
            sortedValues.append(sorted)
        }
        var remapped: [UInt64: CellTotals] = [:]
        remapped.reserveCapacity(cells.count)
        for (key, totals) in cells {
            let indexes = AggregatedTable.unpack(key, count: dimensions.count).enumerated().map { position, index in
                index == AggregatedTable.totalIndex ? index : order[position][Int(index)]
            }
            remapped[AggregatedTable.pack(indexes)] = totals
        }
        if remapped.isEmpty {
            remapped[AggregatedTable.pack(Array(repeating: AggregatedTable.totalIndex, count: dimensions.count))] = CellTotals()
        }
        return AggregatedTable(dimensions: dimensions, values: sortedValues, cells: remapped)
    }
}
