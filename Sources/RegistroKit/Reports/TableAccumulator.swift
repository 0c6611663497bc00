import GRDB

/// Builds the cells and totals of a table from one scan (`ReportQuery`), counting deliveries,
/// hours and ratings, and distinct people, in every cell and total, in a single pass with hash
/// tables.
///
/// Each scanned row is one delivery (or, for the overlap report, one person on one axis). A
/// cell's or total's people are the distinct persons of its rows. The `vulnerability`
/// dimension is expanded: a row counts in each of the person's vulnerability cells, while totals
/// over vulnerabilities take it once, so a person (and a delivery) with several vulnerabilities
/// counts once in them.
///
/// Which totals are kept: one dimension, the grand total; two dimensions, row, column and
/// grand totals; three or more, the grand total only (see `Docs/REPORTS.md`).
final class TableAccumulator {
    /// The table's dimensions, in order.
    let dimensions: [ReportDimension]
    /// The measure, which decides the sums kept.
    let measure: ReportMeasure
    /// The totals kept: for each, which dimension positions it adds up over.
    private let totalPatterns: [[Bool]]
    private let vulnerabilityPosition: Int?

    /// Distinct values seen, per dimension, in order of first sight.
    private var values: [[String]]
    private var valueIndexes: [[String: UInt16]]
    /// Cells and totals by packed key (see `AggregatedTable.pack`).
    private var cells: [UInt64: CellTotals] = [:]
    private var membership = Set<Membership>()
    private var lastMembership: [Membership?]
    private var inGrandTotal: [Bool] = []

    // Facts of organisations, services and people, read when a dimension needs them.
    private var personIndexes: [String: Int32] = [:]
    private var territories: [String: String] = [:]
    private var axes: [String: String] = [:]
    /// Per dimension position that is a fact of the person: the value index of each person.
    private var personValues: [[UInt16]]
    private var birthYears: [Int32] = []
    private var vulnerabilityCodes: [[UInt16]] = []

    private struct Membership: Hashable {
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
        personValues = Array(repeating: [], count: dimensions.count)
        let all = Array(repeating: true, count: dimensions.count)
        switch dimensions.count {
        case 0: totalPatterns = []
        case 2: totalPatterns = [[false, true], [true, false], all]
        default: totalPatterns = [all]
        }
        lastMembership = Array(repeating: nil, count: totalPatterns.count + 1)
    }

    /// Reads the facts the dimensions need: territories of organisations, axes of services,
    /// sex, citizenship and birth year of people, their vulnerabilities.
    func loadFacts(_ db: Database) throws {
        if dimensions.contains(.territory) {
            for row in try Row.fetchAll(db, sql: "SELECT id, territory FROM organisation") {
                territories[row[0]] = row[1] ?? ReportDimension.unknownValue
            }
        }
        if dimensions.contains(.axis) {
            for row in try Row.fetchAll(db, sql: "SELECT code, axis FROM service_code") { axes[row[0]] = row[1] }
        }
        if dimensions.contains(where: { [.sex, .citizenship, .ageBand].contains($0) }) {
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, sex, citizenship, birth_year FROM beneficiary")
            while let row = try cursor.next() {
                let person = Int(personIndex(row[0]))
                for (position, dimension) in dimensions.enumerated() {
                    switch dimension {
                    case .sex: personValues[position][person] = valueIndex(row[1], position)
                    case .citizenship: personValues[position][person] = valueIndex(row[2] ?? ReportDimension.unknownValue, position)
                    default: break
                    }
                }
                birthYears[person] = row[3] ?? -1
            }
        }
        if let position = vulnerabilityPosition {
            let cursor = try Row.fetchCursor(db, sql: "SELECT DISTINCT beneficiary_id, code FROM beneficiary_vulnerability ORDER BY code")
            while let row = try cursor.next() {
                let person = Int(personIndex(row[0]))
                vulnerabilityCodes[person].append(valueIndex(row[1], position))
            }
        }
    }

    /// Runs `query` and adds every row.
    func add(_ query: ReportQuery, _ db: Database) throws {
        try add(sql: query.sql, arguments: query.arguments, sources: query.sources,
                personColumn: query.personColumn, measureColumn: query.measureColumn, db)
    }

    /// Runs `sql` and adds every row: `sources` say where each dimension's value is,
    /// `personColumn` holds the person's id, `measureColumn` the hours or rating.
    func add(
        sql: String, arguments: [String], sources: [ReportQuery.Source], personColumn: Int, measureColumn: Int?,
        _ db: Database
    ) throws {
        let cursor = try Row.fetchCursor(db.makeStatement(sql: sql), arguments: StatementArguments(arguments))
        var previous = [String?](repeating: nil, count: dimensions.count)
        var key = [UInt16](repeating: 0, count: dimensions.count)
        let bands = dimensions.indices.map { position in
            dimensions[position] == .ageBand ? ReportDimension.ageBands.map { valueIndex($0, position) } : []
        }
        while let row = try cursor.next() {
            let person = personIndex(row[personColumn])
            for (position, source) in sources.enumerated() {
                switch source {
                case .column(let column), .territoryOfOrganisation(let column), .axisOfService(let column):
                    let text: String = row[column]
                    guard text != previous[position] else { continue }
                    previous[position] = text
                    let value: String = switch source {
                    case .territoryOfOrganisation: territories[text] ?? ReportDimension.unknownValue
                    case .axisOfService: axes[text] ?? ReportDimension.unknownValue
                    default: text
                    }
                    key[position] = valueIndex(value, position)
                case .ageBand(let column):
                    let birth = birthYears[Int(person)]
                    let band = birth < 0 ? ReportDimension.ageBands.count - 1
                        : ReportDimension.ageBands.firstIndex(of: ReportDimension.ageBand(row[column] - Int(birth)))!
                    key[position] = bands[position][band]
                case .person:
                    key[position] = personValues[position][Int(person)]
                case .vulnerabilities:
                    break
                }
            }
            var sums = CellTotals()
            sums.deliveries = 1
            if let measureColumn {
                if measure == .hours { sums.hours = row[measureColumn] ?? 0 }
                if measure == .impact {
                    sums.impactSum = row[measureColumn]
                    sums.impactCount = 1
                }
            }
            add(key, person: person, sums: sums)
        }
    }

    /// Adds one row to its cell (or to each of the person's vulnerability cells) and to the
    /// totals that contain it.
    private func add(_ base: [UInt16], person: Int32, sums: CellTotals) {
        var key = base
        var codes: [UInt16] = [0]
        if let position = vulnerabilityPosition {
            codes = vulnerabilityCodes[Int(person)]
            if codes.isEmpty { codes = [valueIndex(ReportDimension.noVulnerability, position)] }
        }
        for code in codes {
            if let position = vulnerabilityPosition { key[position] = code }
            count(AggregatedTable.pack(key), person: person, sums: sums, slot: 0)
        }
        for (slot, pattern) in totalPatterns.enumerated() {
            let overVulnerability = vulnerabilityPosition.map { pattern[$0] } ?? true
            for code in overVulnerability ? [codes[0]] : codes {
                if let position = vulnerabilityPosition { key[position] = code }
                var total = key
                for (position, collapsed) in pattern.enumerated() where collapsed {
                    total[position] = AggregatedTable.totalIndex
                }
                count(AggregatedTable.pack(total), person: person, sums: sums, slot: slot + 1)
            }
        }
    }

    /// Adds `sums` to the cell or total `key`, and the person to its people if new there.
    private func count(_ key: UInt64, person: Int32, sums: CellTotals, slot: Int) {
        let isNew: Bool
        if dimensions.isEmpty || (slot == totalPatterns.count && slot > 0) {
            isNew = !inGrandTotal[Int(person)]
            inGrandTotal[Int(person)] = true
        } else {
            let member = Membership(key: key, person: person)
            // Rows of one person come together: skip the set when nothing changed.
            isNew = lastMembership[slot] != member && membership.insert(member).inserted
            lastMembership[slot] = member
        }
        cells[key, default: CellTotals()].addSums(sums, newPerson: isNew)
    }

    private func personIndex(_ id: String) -> Int32 {
        if let index = personIndexes[id] { return index }
        let index = Int32(personIndexes.count)
        personIndexes[id] = index
        inGrandTotal.append(false)
        birthYears.append(-1)
        vulnerabilityCodes.append([])
        for position in dimensions.indices where dimensions[position] == .sex || dimensions[position] == .citizenship {
            personValues[position].append(valueIndex(ReportDimension.unknownValue, position))
        }
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

    /// The cells and totals, with each dimension's values in their report order. Values met
    /// only in facts (a sex nobody in the period has) are left out.
    func table() -> AggregatedTable {
        var used = Array(repeating: Set<UInt16>(), count: dimensions.count)
        for key in cells.keys {
            for (position, index) in AggregatedTable.unpack(key, count: dimensions.count).enumerated()
            where index != AggregatedTable.totalIndex {
                used[position].insert(index)
            }
        }
        var order: [[UInt16: UInt16]] = []
        var sortedValues: [[String]] = []
        for (position, dimension) in dimensions.enumerated() {
            let sorted = used[position].sorted { dimension.orders(values[position][Int($0)], before: values[position][Int($1)]) }
            order.append(Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, UInt16($0.offset)) }))
            sortedValues.append(sorted.map { values[position][Int($0)] })
        }
        var remapped: [UInt64: CellTotals] = [:]
        remapped.reserveCapacity(cells.count)
        for (key, totals) in cells {
            let indexes = AggregatedTable.unpack(key, count: dimensions.count).enumerated().map { position, index in
                index == AggregatedTable.totalIndex ? index : order[position][index]!
            }
            remapped[AggregatedTable.pack(indexes)] = totals
        }
        if remapped.isEmpty {
            remapped[AggregatedTable.pack(Array(repeating: AggregatedTable.totalIndex, count: dimensions.count))] = CellTotals()
        }
        return AggregatedTable(dimensions: dimensions, values: sortedValues, cells: remapped)
    }
}
