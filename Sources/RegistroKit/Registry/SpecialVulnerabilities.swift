import Foundation

/// A person's special-category vulnerabilities (the codes marked `special` in
/// `Schema/codes/vulnerability.csv`), each with the organisation that recorded it.
///
/// They are never stored in clear: the list is sealed under the person's data key in
/// `special_vulnerability.codes`, bound to the person's row, so that a copy of the database
/// reveals none of them and erasure destroys them with the key. The sealed text is one
/// `ORGANISATION CODE` pair a line, sorted.
struct SpecialVulnerabilities: Equatable {
    /// One code, and the organisation that recorded it.
    struct Entry: Hashable, Comparable {
        /// The recording organisation's id.
        var org: String
        /// The vulnerability code.
        var code: String

        static func < (left: Entry, right: Entry) -> Bool {
            (left.code, left.org) < (right.code, right.org)
        }
    }

    /// The entries, sorted by code, then organisation, without repetitions.
    private(set) var entries: [Entry] = []

    /// An empty list.
    init() {}

    /// The table holding the sealed lists.
    static let table = "special_vulnerability"

    /// The `registry_meta` key marking a registry that holds special-category codes in clear,
    /// recorded before they were sealed (or before the code was marked special).
    static let inClearKey = "special_codes_in_clear"

    /// Where the sealed list of `beneficiary` lives: the associated data of its seal.
    static func location(of beneficiary: String) -> FieldLocation {
        FieldLocation(table: table, column: "codes", row: beneficiary)
    }

    /// Adds `codes` recorded by `org`; returns whether the list changed.
    @discardableResult
    mutating func add(_ codes: [String], by org: String) -> Bool {
        let before = entries.count
        if entries.isEmpty {
            // A new person's list, the common case: sorted, each code once, without the sets a
            // merge with entries already there builds.
            for code in codes.sorted() where entries.last?.code != code {
                entries.append(Entry(org: org, code: code))
            }
        } else {
            entries = Array(Set(entries).union(codes.map { Entry(org: org, code: $0) })).sorted()
        }
        return entries.count != before
    }

    /// The text that is sealed.
    var plaintext: String {
        // Appended piece by piece: interpolating each line, then joining them, cost about 1,800
        // instructions a list (an import seals one for each new person who has a special code).
        var text = ""
        for (index, entry) in entries.enumerated() {
            if index > 0 { text += "\n" }
            text += entry.org
            text += " "
            text += entry.code
        }
        return text
    }

    /// Opens the sealed list of `beneficiary`.
    ///
    /// - Throws: `RegistroError` (invalid data) when it does not open or is malformed: the
    ///   database was altered.
    static func open(
        _ sealed: [UInt8], of beneficiary: String, with dataKey: SecretKey
    ) throws -> SpecialVulnerabilities {
        let text = try FieldSealing.open(sealed, at: location(of: beneficiary), with: dataKey)
        var list = SpecialVulnerabilities()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else {
                throw RegistroError.invalidData(
                    "the sealed special vulnerabilities of `\(beneficiary)` are malformed: the database was altered; "
                        + "restore it from a backup")
            }
            list.add([String(parts[1])], by: String(parts[0]))
        }
        return list
    }

    /// The special vulnerabilities of `beneficiary` (empty when none were recorded).
    ///
    /// This decides nothing: callers gate it (the `sensitive` category of the case file,
    /// subject export) and audit it, or count it inside the report engine.
    ///
    /// - Throws: `RegistroError` when the person's key was destroyed or the list does not open.
    static func read(
        of beneficiary: String, keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws -> SpecialVulnerabilities {
        try read(of: beneficiary, dataKey: keys.dataKey(for: beneficiary, db), db)
    }

    /// The special vulnerabilities of `beneficiary`, opened with `dataKey`, their data key,
    /// asked for only when a list is recorded.
    static func read(
        of beneficiary: String, dataKey: @autoclosure () throws -> SecretKey, _ db: RegistryDatabase.Connection
    ) throws -> SpecialVulnerabilities {
        guard let sealed = try SpecialVulnerabilityRecord.sealedCodes(of: beneficiary, db) else {
            return SpecialVulnerabilities()
        }
        return try open(Array(sealed), of: beneficiary, with: dataKey())
    }

    /// Calls `body` with each person's special codes (distinct, without organisations), for the
    /// report engine: each list is opened with its person's data key during the scan and
    /// forgotten after. People erased (no data key) have none.
    static func forEachPerson(
        keys: KeyMaterial, _ db: RegistryDatabase.Connection, _ body: (String, [String]) throws -> Void
    ) throws {
        try SpecialVulnerabilityRecord.forEachSealedList(db) { beneficiary, codes, generation, wrappedKey in
            let dataKey = try DataKeyWrapping.unwrap(
                Array(wrappedKey), beneficiary: beneficiary, kek: keys.keyEncryptionKey(generation: generation),
                generation: generation)
            let list = try open(Array(codes), of: beneficiary, with: dataKey)
            guard !list.entries.isEmpty else { return }
            try body(beneficiary, Array(Set(list.entries.map(\.code))).sorted())
        }
    }
}
