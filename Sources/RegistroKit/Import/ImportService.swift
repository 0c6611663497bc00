/// Importing spreadsheets of deliveries, for a session's user.
public struct ImportService: Sendable {
    /// The session acting.
    let session: Session

    /// Imports the deliveries of a spreadsheet export, all or nothing, in one transaction, on
    /// behalf of the session's user, whose organisation owns the people it creates.
    ///
    /// - Parameters:
    ///   - source: The CSV: header row, comma or semicolon separated, UTF-8 or Windows-1252.
    ///   - dryRun: Validate and match everything, then store nothing.
    ///   - again: Import a file whose digest matches an earlier import's all the same.
    ///   - rowPerson: Receives the person each row found or created, in file order.
    ///   - warn: Receives each row identical to a delivery stored before (same person, service,
    ///     date and hours), which is imported all the same.
    ///   - report: Receives each problem as soon as it is found.
    ///   - progress: Receives progress every few thousand rows.
    /// The import is recorded in the audit log as one entry with its row count and the file's
    /// digest; a dry run too, in a transaction of its own as the import's rolls back, with a
    /// `lookup` entry (note `dry run`) for each person already known that a row matched, as
    /// the dry run tells the importer that they are known. An import that stores its rows
    /// records, in its own transaction, a `lookup` decision for each person of another
    /// organisation that its rows found by codice fiscale, with the person as subject, as
    /// `RecordsService.addBeneficiary` does; its answer never names their owner.
    ///
    /// - Returns: What was (or, in a dry run, would be) imported.
    /// - Throws: `RegistroError` (invalid data) when any problem was reported, after every
    ///   problem of the file, or when the same file (by digest) was imported before and `again`
    ///   is false; nothing is stored then.
    public func importDeliveries(
        from source: ImportSource, dryRun: Bool = false, again: Bool = false,
        report: @escaping (ImportProblem) -> Void, progress: @escaping (ImportProgress) -> Void = { _ in },
        rowPerson: ((ImportedRow) -> Void)? = nil, warn: @escaping (ImportProblem) -> Void = { _ in }
    ) throws -> ImportSummary {
        let keys = try session.keys()
        let registry = session.registry
        let user = session.user
        let (reader, totalBytes) = try source.open()
        let name = source.name
        var problems = 0
        var permission: RecordingPermission?
        var matchedPeople: [String] = []
        let foundPeople = FoundPeople()
        let summary: ImportSummary
        do {
            summary = try registry.writeAuditing(commit: !dryRun, foreignKeys: .caller) { db -> ImportSummary in
                let gate = session.gate()
                try Registry.require(.record, .services, of: .newRecord(owner: user.org), gate: gate, audit: .import)
                permission = RecordingPermission(gate: gate, db)
                try DeliveryImporter.checkReferences(of: user, db)
                let knownBefore = try ImportBatchRecord.lastPersonRowID(db)
                let batch = try ImportBatchRecord.begin(by: user, at: session.timestamp(), db)
                let importer = try DeliveryImporter(
                    displayName: name, reader: reader, totalBytes: totalBytes,
                    validator: RecordValidator(catalog: try CodeCatalog(db), today: session.today()),
                    writer: try RecordWriter(db, keys: keys, actor: user), permission: permission!,
                    importID: batch, report: report, progress: progress, rowPerson: rowPerson,
                    found: foundPeople.note, warn: warn)
                var summary: ImportSummary
                do {
                    let cache = DeliveryImporter.pageCacheMebibytes
                    (summary, problems) = try RegistryDatabase.withPageCache(mebibytes: cache, db) {
                        try importer.run()
                    }
                } catch let error as RegistroError where error.kind == .invalidData {
                    // The file cannot be read further (an unclosed quote, a read failure).
                    report(ImportProblem(file: name, line: reader.recordLine, column: nil, message: error.message))
                    throw RegistroError.invalidData("\(name) could not be read to its end; nothing was imported")
                }
                summary.fileDigest = Hex.encode(reader.digest())
                summary.dryRun = dryRun
                guard problems == 0 else {
                    throw RegistroError.invalidData(
                        "\(name): \(problems) problem\(problems == 1 ? "" : "s") found; nothing was imported; "
                            + "fix the file and import it again")
                }
                if !again,
                    let earlier = try ImportBatchRecord.earlier(
                        withDigest: summary.fileDigest, by: user.org, other: batch, db)
                {
                    throw RegistroError(
                        .invalidData, field: nil,
                        "\(name) was imported already, on \(earlier.importedAt.prefix(10)) by `\(earlier.importedBy)`; "
                            + "importing it again would record every delivery twice",
                        hint: .importAgain,
                        key: .fileImportedBefore(day: String(earlier.importedAt.prefix(10)), user: earlier.importedBy))
                }
                try ImportBatchRecord.finish(
                    batch, rows: summary.rows, peopleCreated: summary.peopleCreated, fileDigest: summary.fileDigest, db)
                if dryRun {
                    matchedPeople = try ImportBatchRecord.peopleMatched(by: batch, knownBefore: knownBefore, db)
                } else {
                    try AuditLog.append(Self.importEvent(summary, by: user, batch: importer.importID), in: db)
                    try Self.recordLookups(of: foundPeople.people, by: gate, db)
                }
                return summary
            }
        } catch {
            // Rows refused by the policies are recorded, though the import itself rolled back.
            for denial in permission?.denials ?? [] {
                try registry.appendAuditEntry(denial)
            }
            throw error
        }
        if dryRun {
            // A dry run tells which rows match people already known: a lookup of each of them.
            let lookups = matchedPeople.map { person in
                AuditEvent(
                    by: user, action: .lookup, resource: .beneficiary(person), subject: person, category: .identity,
                    decision: .allow, detail: "dry run")
            }
            _ = try registry.database.write { db in
                for event in [Self.importEvent(summary, by: user, batch: nil)] + lookups {
                    try AuditLog.append(event, in: db)
                }
            }
        }
        return summary
    }

    /// Records the lookup of each person of `found` whom another organisation owns: the import
    /// found them by codice fiscale (the only way a row reaches another organisation's person),
    /// a lookup decided by `gate` and recorded with the person as subject, all in one batch.
    ///
    /// - Throws: `AuditedDenial` when the policies deny a lookup (nothing is imported then);
    ///   its message names neither the person's owner nor the reason.
    private static func recordLookups(
        of found: Set<String>, by gate: AccessGate, _ db: RegistryDatabase.Connection
    ) throws {
        let user = gate.user
        var events: [AuditEvent] = []
        for person in try BeneficiaryOwners.ownedElsewhere(Array(found).sorted(), than: user.org, db) {
            let subject = try CaseSubject.load(person, db)
            let decision = gate.decide(.lookup, .identity, of: subject, purpose: nil)
            let event = decision.auditEvent(
                by: user, action: .lookup, resource: .beneficiary(person), subject: person, category: .identity,
                purpose: nil)
            guard decision.isAllowed else {
                throw AuditedDenial(
                    event,
                    message: "`\(user.id)` (\(user.role.rawValue), \(user.org)) may not look up a codice fiscale "
                        + "of this file; nothing was imported")
            }
            events.append(event)
        }
        try AuditLog.append(contentsOf: events, in: db)
    }

    /// The audit event of an import: one for the whole file, with its row count and digest.
    private static func importEvent(_ summary: ImportSummary, by user: Operator?, batch: Int64?) -> AuditEvent {
        AuditEvent(
            by: user, action: .import, resource: batch.map(AuditResource.importBatch), category: .services,
            decision: .allow, rowCount: Int64(summary.rows), fileDigest: Hex.decode(summary.fileDigest),
            detail: summary.dryRun
                ? "dry run: new people: \(summary.peopleCreated), rows matched: \(summary.rowsMatched)"
                : "new people: \(summary.peopleCreated), rows matched: \(summary.rowsMatched)")
    }
}
