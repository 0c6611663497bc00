import Foundation

/// Builds the cells and totals of a table from one scan (`ReportQuery`), counting deliveries,
/// hours and ratings, and distinct people, in every cell and total, in a single pass with hash
/// tables.
///
/// Each scanned row is one delivery (the overlap report adds one row per person and axis
/// instead, through `add(values:person:)`). A cell's or total's people are the distinct
/// persons of its rows. The `vulnerability` dimension is expanded: a row counts in each of the
/// person's vulnerability cells, while totals over vulnerabilities take it once, so a person
/// (and a delivery) with several vulnerabilities counts once in them.
///
/// Which totals are kept: one dimension, the grand total; two dimensions, row, column and
/// grand totals; three or more, the grand total only (see `Docs/REPORTS.md`).
///
/// The same pass adds up each cell's key from the record keys of its distinct people and,
/// for hours and impact, finds each cell's largest contribution of one person, which the cell
/// key method needs (`CellPerturbation`).
struct TableAccumulator {
    /// The table's dimensions, in order.
    let dimensions: [ReportDimension]
    /// The measure, which decides the sums kept.
    let measure: ReportMeasure
    /// The totals kept: for each, the bits of a packed key set to `totalIndex` in the
    /// positions it adds up over.
    private let totalMasks: [UInt64]
    private let vulnerabilityPosition: Int?

    /// Distinct values seen, per dimension, in order of first sight.
    private var values: [[String]]
    private var valueIndexes: [[String: UInt16]]
    /// Cells and totals: their packed keys (see `AggregatedTable.pack`) and, at the index the
    /// key has in `cellIndexes`, their counts.
    private var cellIndexes = IntegerHashTable(capacity: 1024)
    private var cellKeys: [UInt64] = []
    private var cellTotals: [CellTotals] = []
    /// (cell index, person) pairs already counted, packed as `index << 32 | person`.
    private var membership = IntegerHashTable(capacity: 1 << 16)
    /// The pair each slot (cells, then each kind of total) counted last, and its index in
    /// `membership`.
    private var lastMembership: [UInt64]
    private var lastMemberIndex: [Int]
    /// Whether the measure is a magnitude, whose largest contribution per cell is kept.
    private let tracksContributions: Bool
    /// For magnitudes: the cell of each (cell, person) pair of `membership`, by its index,
    /// and the person's contribution to it so far.
    private var memberCells: [Int32] = []
    private var memberContributions: [Double] = []
    /// For magnitudes: each person's contribution to the grand total.
    private var grandTotalContributions: [Double] = []
    /// The key and index each slot counted last.
    private var lastCell: [(key: UInt64, index: Int)]
    private var inGrandTotal: [Bool] = []

    // Facts of organisations, services and people, read when a dimension needs them.
    private var personIndexes: [String: Int32] = [:]
    /// Each person's record key.
    private var recordKeys: [UInt32] = []
    private var territories: [String: String] = [:]
    private var axes: [String: String] = [:]
    /// Per dimension position that is a fact of the person: the value index of each person.
    private var personValues: [[UInt16]]
    private var birthYears: [Int32] = []
    private var vulnerabilityCodes: [[UInt16]] = []

    init(dimensions: [ReportDimension], measure: ReportMeasure) {
        precondition(dimensions.count <= ReportDimension.maximumCount)
        self.dimensions = dimensions
        self.measure = measure
        vulnerabilityPosition = dimensions.firstIndex(of: .vulnerability)
        values = Array(repeating: [], count: dimensions.count)
        valueIndexes = Array(repeating: [:], count: dimensions.count)
        personValues = Array(repeating: [], count: dimensions.count)
        let all = Array(repeating: true, count: dimensions.count)
        let patterns: [[Bool]] =
            switch dimensions.count {
            case 0: []
            case 2: [[false, true], [true, false], all]
            default: [all]
            }
        totalMasks = patterns.map { pattern in
            AggregatedTable.pack(pattern.map { $0 ? AggregatedTable.totalIndex : 0 })
        }
        lastMembership = Array(repeating: .max, count: patterns.count + 1)
        lastMemberIndex = Array(repeating: -1, count: patterns.count + 1)
        tracksContributions = measure == .hours || measure == .impact
        lastCell = Array(repeating: (.max, -1), count: patterns.count + 1)
    }

    /// Reads every person's record key, and the facts the dimensions need: territories of
    /// organisations, axes of services, sex, citizenship and birth year of people, their
    /// vulnerabilities. Special-category vulnerabilities are sealed per person: `keys` opens them
    /// here, inside the scan, and they are counted like the others, behind the same disclosure
    /// control.
    ///
    /// - Throws: `RegistroError` (internal) when the `vulnerability` dimension is asked without keys.
    mutating func loadFacts(_ db: RegistryDatabase.Connection, keys: KeyMaterial?) throws {
        if dimensions.contains(.territory) {
            for (organisation, territory) in try ReportFacts.territories(db) {
                territories[organisation] = territory ?? ReportDimension.unknownValue
            }
        }
        if dimensions.contains(.axis) {
            axes = try ReportFacts.axes(db)
        }
        let demographics = dimensions.contains(where: { [.sex, .citizenship, .ageBand].contains($0) })
        let people = try ReportFacts.people(demographics: demographics, db)
        while let row = try people.next() {
            let person = Int(personIndex(row.id))
            recordKeys[person] = UInt32(truncatingIfNeeded: row.recordKey)
            if demographics {
                for (position, dimension) in dimensions.enumerated() {
                    switch dimension {
                    case .sex: personValues[position][person] = valueIndex(row.sex, position)
                    case .citizenship:
                        personValues[position][person] = valueIndex(
                            row.citizenship ?? ReportDimension.unknownValue, position)
                    default: break
                    }
                }
                birthYears[person] = row.birthYear ?? -1
            }
        }
        if let position = vulnerabilityPosition {
            let vulnerabilities = try ReportFacts.vulnerabilities(db)
            while let row = try vulnerabilities.next() {
                let person = Int(personIndex(row.beneficiaryID))
                vulnerabilityCodes[person].append(valueIndex(row.code, position))
            }
            guard let keys else {
                throw RegistroError.internal("a report by vulnerability was asked without the keyring")
            }
            try SpecialVulnerabilities.forEachPerson(keys: keys, db) { id, codes in
                let person = Int(personIndex(id))
                for code in codes { vulnerabilityCodes[person].append(valueIndex(code, position)) }
            }
        }
    }

    /// Runs `query` and adds every row.
    ///
    /// Texts become dimension values through a `TextMemo` per dimension, and the person's id
    /// is looked up only when it changes (a person's deliveries are recorded together).
    mutating func add(_ query: ReportQuery, _ db: RegistryDatabase.Connection) throws {
        let (sources, personColumn, measureColumn) = (query.sources, query.personColumn, query.measureColumn)
        let scan = try ReportScans.rows(of: query, db)
        var memos = [TextMemo](repeating: TextMemo(), count: dimensions.count)
        var personCache = ByteCache()
        var person: Int32 = 0
        var key = [UInt16](repeating: 0, count: dimensions.count)
        let bands = dimensions.indices.map { position in
            dimensions[position] == .ageBand ? ReportDimension.ageBands.map { valueIndex($0, position) } : []
        }
        while try scan.next() {
            let id = scan.bytes(personColumn)
            if !personCache.matches(id) {
                personCache.remember(id)
                person = personIndex(id.map { String(decoding: $0, as: UTF8.self) } ?? "")
            }
            for (position, source) in sources.enumerated() {
                switch source {
                case .text(let column, let kind):
                    var bytes = scan.bytes(column)
                    if let prefix = kind.significantPrefix, let all = bytes, all.count > prefix {
                        bytes = UnsafeBufferPointer(rebasing: all.prefix(prefix))
                    }
                    key[position] = memos[position].index(bytes) { valueIndex(value(of: $0, kind), position) }
                case .ageBand(let column):
                    let birth = birthYears[Int(person)]
                    let year = scan.bytes(column).map(Self.year) ?? 0
                    let band =
                        birth < 0
                        ? ReportDimension.ageBands.count - 1
                        : ReportDimension.ageBands.firstIndex(of: ReportDimension.ageBand(year - Int(birth)))!
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
                if measure == .hours { sums.hours = scan.double(measureColumn) }
                if measure == .impact {
                    sums.impactSum = scan.int(measureColumn)
                    sums.impactCount = 1
                }
            }
            add(key, person: person, sums: sums)
        }
    }

    /// The value a column's text gives a dimension; NULL is `unknown`.
    private func value(of text: String?, _ kind: ReportQuery.TextValue) -> String {
        guard let text else { return ReportDimension.unknownValue }
        switch kind {
        case .asIs: return text
        case .territory: return territories[text] ?? ReportDimension.unknownValue
        case .axis: return axes[text] ?? ReportDimension.unknownValue
        case .month, .year: return text
        case .quarter:
            let month = Int(text.dropFirst(5)) ?? 1
            return "\(text.prefix(4))-Q\((month + 2) / 3)"
        }
    }

    /// The year of an ISO date's bytes.
    private static func year(_ date: UnsafeBufferPointer<UInt8>) -> Int {
        date.prefix(4).reduce(0) { $0 * 10 + Int($1) - 48 }
    }

    /// The bytes of a column in the previous row, to tell whether they changed.
    private struct ByteCache {
        private var bytes: [UInt8] = []
        private var isNull = false
        private var isSet = false

        /// Whether `other` (NULL when `nil`) equals the bytes remembered.
        func matches(_ other: UnsafeBufferPointer<UInt8>?) -> Bool {
            guard isSet else { return false }
            guard let other else { return isNull }
            return !isNull && other.count == bytes.count
                && bytes.withUnsafeBufferPointer { mine in
                    other.count == 0 || memcmp(mine.baseAddress!, other.baseAddress!, other.count) == 0
                }
        }

        /// Remembers `other` (NULL when `nil`).
        mutating func remember(_ other: UnsafeBufferPointer<UInt8>?) {
            isSet = true
            isNull = other == nil
            bytes.removeAll(keepingCapacity: true)
            if let other { bytes.append(contentsOf: other) }
        }
    }

    /// Adds one row whose dimension values are known already (no `vulnerability` among them).
    mutating func add(values: [String], person: String) {
        precondition(vulnerabilityPosition == nil && values.count == dimensions.count)
        let key = values.enumerated().map { valueIndex($0.element, $0.offset) }
        var sums = CellTotals()
        sums.deliveries = 1
        add(key, person: personIndex(person), sums: sums)
    }

    /// Adds one row to its cell (or to each of the person's vulnerability cells) and to the
    /// totals that contain it. Works on packed keys, so that no array is made per row.
    private mutating func add(_ indexes: [UInt16], person: Int32, sums: CellTotals) {
        let base = AggregatedTable.pack(indexes)
        guard let position = vulnerabilityPosition else {
            count(base, person: person, sums: sums, slot: 0)
            for (slot, mask) in totalMasks.enumerated() {
                count(base | mask, person: person, sums: sums, slot: slot + 1)
            }
            return
        }
        let shift = UInt64(16 * (dimensions.count - 1 - position))
        let cleared = base & ~(0xFFFF << shift)
        let codes = vulnerabilityCodes[Int(person)]
        let none = codes.isEmpty ? UInt64(valueIndex(ReportDimension.noVulnerability, position)) : 0
        for code in codes.isEmpty ? [UInt16(none)] : codes {
            count(cleared | UInt64(code) << shift, person: person, sums: sums, slot: 0)
        }
        for (slot, mask) in totalMasks.enumerated() {
            if mask & (0xFFFF << shift) != 0 {
                // A total over vulnerabilities takes the row once.
                count(cleared | mask, person: person, sums: sums, slot: slot + 1)
            } else {
                for code in codes.isEmpty ? [UInt16(none)] : codes {
                    count(cleared | UInt64(code) << shift | mask, person: person, sums: sums, slot: slot + 1)
                }
            }
        }
    }

    /// Adds `sums` to the cell or total `key`, and the person (with their record key) to its
    /// people if new there.
    @inline(__always)
    private mutating func count(_ key: UInt64, person: Int32, sums: CellTotals, slot: Int) {
        let index: Int
        if lastCell[slot].key == key && lastCell[slot].index >= 0 {
            index = lastCell[slot].index
        } else {
            let (found, isNewCell) = cellIndexes.insert(key)
            if isNewCell {
                cellKeys.append(key)
                cellTotals.append(CellTotals())
            }
            index = found
            lastCell[slot] = (key, index)
        }
        let isNew: Bool
        if dimensions.isEmpty || (slot == totalMasks.count && slot > 0) {
            isNew = !inGrandTotal[Int(person)]
            inGrandTotal[Int(person)] = true
            if tracksContributions { grandTotalContributions[Int(person)] += sums.contribution }
        } else {
            let member = UInt64(index) << 32 | UInt64(UInt32(bitPattern: person))
            // Rows of one person come together: skip the table when nothing changed.
            if lastMembership[slot] == member {
                isNew = false
            } else {
                let (memberIndex, inserted) = membership.insert(member)
                isNew = inserted
                lastMembership[slot] = member
                lastMemberIndex[slot] = memberIndex
            }
            if tracksContributions {
                if isNew {
                    memberCells.append(Int32(index))
                    memberContributions.append(0)
                }
                memberContributions[lastMemberIndex[slot]] += sums.contribution
            }
        }
        cellTotals[index].addSums(sums, newPerson: isNew, recordKey: recordKeys[Int(person)])
    }

    private mutating func personIndex(_ id: String) -> Int32 {
        if let index = personIndexes[id] { return index }
        let index = Int32(personIndexes.count)
        personIndexes[id] = index
        inGrandTotal.append(false)
        recordKeys.append(0)
        grandTotalContributions.append(0)
        birthYears.append(-1)
        vulnerabilityCodes.append([])
        for position in dimensions.indices where dimensions[position] == .sex || dimensions[position] == .citizenship {
            personValues[position].append(valueIndex(ReportDimension.unknownValue, position))
        }
        return index
    }

    private mutating func valueIndex(_ value: String, _ position: Int) -> UInt16 {
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
        var largest = [Double](repeating: 0, count: cellTotals.count)
        for (cell, contribution) in zip(memberCells, memberContributions) {
            largest[Int(cell)] = max(largest[Int(cell)], contribution)
        }
        var used = Array(repeating: Set<UInt16>(), count: dimensions.count)
        for key in cellKeys {
            for (position, index) in AggregatedTable.unpack(key, count: dimensions.count).enumerated()
            where index != AggregatedTable.totalIndex {
                used[position].insert(index)
            }
        }
        var order: [[UInt16: UInt16]] = []
        var sortedValues: [[String]] = []
        for (position, dimension) in dimensions.enumerated() {
            let sorted = used[position].sorted {
                dimension.orders(values[position][Int($0)], before: values[position][Int($1)])
            }
            order.append(Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, UInt16($0.offset)) }))
            sortedValues.append(sorted.map { values[position][Int($0)] })
        }
        var remapped: [UInt64: CellTotals] = [:]
        remapped.reserveCapacity(cellKeys.count)
        let grandTotalKey = AggregatedTable.pack(Array(repeating: AggregatedTable.totalIndex, count: dimensions.count))
        for (cell, (key, var totals)) in zip(cellKeys, cellTotals).enumerated() {
            totals.largestContribution = key == grandTotalKey ? grandTotalContributions.max() ?? 0 : largest[cell]
            let indexes = AggregatedTable.unpack(key, count: dimensions.count).enumerated().map { position, index in
                index == AggregatedTable.totalIndex ? index : order[position][index]!
            }
            remapped[AggregatedTable.pack(indexes)] = totals
        }
        if remapped.isEmpty {
            remapped[grandTotalKey] = CellTotals()
        }
        return AggregatedTable(dimensions: dimensions, values: sortedValues, cells: remapped)
    }
}
