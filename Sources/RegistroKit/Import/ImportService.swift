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
    /// digest. Finding another organisation's person by codice fiscale is a `lookup` decision,
    /// with the person as subject, as in `RecordsService.addBeneficiary`, once per person; its
    /// answer never names their owner, and a denied lookup stops the import. A dry run decides
    /// and records exactly the same lookups as the import would, noted `dry run`, in a
    /// transaction of its own as the import's rolls back: it tells the importer as much. The
    /// organisation's own people, found by codice fiscale or file number, are its own records,
    /// not lookups.
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
        var dryRunEntries: [AuditEvent] = []
        let foundPeople = FoundPeople()
        let summary: ImportSummary
        do {
            summary = try registry.writeAuditing(commit: !dryRun, foreignKeys: .caller) { db -> ImportSummary in
                let gate = session.gate()
                try Registry.require(.record, .services, of: .newRecord(owner: user.org), gate: gate, audit: .import)
                permission = RecordingPermission(gate: gate, db)
                try DeliveryImporter.checkReferences(of: user, db)
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
                } catch let error as RegistroError where error.kind == .invalidData && reader.failed {
                    // The file cannot be read further (an unclosed quote, a read failure); any
                    // other error (the registry's) is not the file's and goes on as it is.
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
                let lookups = try Self.lookups(of: foundPeople.people, by: gate, dryRun: dryRun, db)
                if dryRun {
                    dryRunEntries = [Self.importEvent(summary, by: user, batch: nil)] + lookups
                } else {
                    try AuditLog.append(Self.importEvent(summary, by: user, batch: importer.importID), in: db)
                    try AuditLog.append(contentsOf: lookups, in: db)
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
            // The dry run's entries: its transaction rolled back with everything it would store.
            _ = try registry.database.write { db in try AuditLog.append(contentsOf: dryRunEntries, in: db) }
        }
        return summary
    }

    /// The lookups of the people of `found` whom another organisation owns, by id: the import
    /// found them by codice fiscale (the only way a row reaches another organisation's person),
    /// each a lookup decided by `gate`, with the person as subject, noted `dry run` in a dry run.
    ///
    /// - Throws: `AuditedDenial` when the policies deny a lookup (nothing is imported then);
    ///   its message names neither the person's owner nor the reason.
    private static func lookups(
        of found: Set<String>, by gate: AccessGate, dryRun: Bool, _ db: RegistryDatabase.Connection
    ) throws -> [AuditEvent] {
        let user = gate.user
        var events: [AuditEvent] = []
        for person in try BeneficiaryOwners.ownedElsewhere(Array(found).sorted(), than: user.org, db) {
            let subject = try CaseSubject.load(person, db)
            let decision = gate.decide(.lookup, .identity, of: subject, purpose: nil)
            let event = decision.auditEvent(
                by: user, action: .lookup, resource: .beneficiary(person), subject: person, category: .identity,
                purpose: nil, detail: dryRun ? "dry run" : nil)
            guard decision.isAllowed else {
                throw AuditedDenial(
                    event,
                    message: "`\(user.id)` (\(user.role.rawValue), \(user.org)) may not look up a codice fiscale "
                        + "of this file; nothing was imported")
            }
            events.append(event)
        }
        return events
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
