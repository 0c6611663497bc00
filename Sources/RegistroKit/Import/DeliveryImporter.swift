import Foundation
import GRDB

/// Imports the deliveries of one spreadsheet export in one transaction: reads the file as a
/// stream, validates every row, matches each row's person by codice fiscale (blind index), then
/// by the importing organisation's file number (`ref`), else creates the person, and records
/// the delivery. Every problem is reported as it is found; any problem means nothing is kept.
struct DeliveryImporter {
    /// The file as the user named it, for problem reports.
    let displayName: String
    let reader: CSVReader
    let totalBytes: Int
    let validator: RecordValidator
    let writer: RecordWriter
    /// Whether the importing user may record for each person matched.
    let permission: RecordingPermission
    let importID: Int64
    let report: (ImportProblem) -> Void
    let progress: (ImportProgress) -> Void

    /// How often, in rows, progress is reported.
    static let progressInterval = 2_000

    /// Reads and imports every row; returns the summary and how many problems were reported.
    func run() throws -> (summary: ImportSummary, problems: Int) {
        var problems = 0
        func problem(_ line: Int, _ column: String?, _ message: String) {
            problems += 1
            report(ImportProblem(file: displayName, line: line, column: column, message: message))
        }
        var decoding = TextDecoding(knownUTF8: reader.hadByteOrderMark)
        guard try reader.next() else {
            problem(1, nil, "the file is empty; export the spreadsheet with its header row")
            return (summary(rows: 0, created: 0, matched: 0, decoding: decoding), problems)
        }
        let columns = try header(&decoding, problem: problem)
        guard let columns else {
            return (summary(rows: 0, created: 0, matched: 0, decoding: decoding), problems)
        }
        var rows = 0
        var created = 0
        var matched = 0
        while try reader.next() {
            rows += 1
            let line = reader.recordLine
            if rows % Self.progressInterval == 0 {
                progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: rows))
            }
            guard reader.fieldCount == columns.count else {
                problem(line, nil, "has \(reader.fieldCount) fields where the header has \(columns.count); quote fields that contain the separator")
                continue
            }
            var values: [ImportColumn: String] = [:]
            var rowProblems: [RecordProblem] = []
            for (index, column) in columns.enumerated() {
                do throws(FieldProblem) {
                    values[column] = try decoding.decode(reader.field(index))
                } catch {
                    rowProblems.append(RecordProblem(field: column.rawValue, message: error.message))
                }
            }
            let outcome = rowProblems.isEmpty ? try importRow(values, problems: &rowProblems) : .rejected
            for rowProblem in rowProblems {
                problem(line, rowProblem.field, rowProblem.message)
            }
            switch outcome {
            case .created: created += 1
            case .matched: matched += 1
            case .rejected: break
            }
        }
        progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: rows))
        return (summary(rows: rows, created: created, matched: matched, decoding: decoding), problems)
    }

    /// How a row's person was found.
    private enum RowOutcome {
        case created, matched, rejected
    }

    /// Validates one row and, when its person's fields are valid, finds or creates the person;
    /// when the whole row is valid, records the delivery.
    private func importRow(_ values: [ImportColumn: String], problems: inout [RecordProblem]) throws -> RowOutcome {
        var fields = BeneficiaryFields()
        fields.codiceFiscale = values[.codiceFiscale]
        fields.ref = values[.ref]
        fields.givenName = values[.givenName]
        fields.familyName = values[.familyName]
        fields.birthDate = values[.birthDate]
        fields.sex = values[.sex]
        fields.citizenship = values[.citizenship]
        fields.comune = values[.comune]
        fields.phone = values[.phone]
        fields.email = values[.email]
        fields.address = values[.address]
        fields.vulnerabilities = values[.vulnerabilities]
        fields.sensitive = values[.sensitive]
        var deliveryFields = DeliveryFields()
        deliveryFields.serviceCode = values[.serviceCode]
        deliveryFields.date = values[.date]
        deliveryFields.hours = values[.hours]
        deliveryFields.channel = values[.channel]
        deliveryFields.outcome = values[.outcome]
        deliveryFields.impact = values[.impact]
        deliveryFields.project = values[.project]
        deliveryFields.notes = values[.notes]

        var personProblems: [RecordProblem] = []
        let person = validator.beneficiary(fields, problems: &personProblems)
        let delivery = validator.delivery(deliveryFields, problems: &problems)
        var outcome = RowOutcome.rejected
        var beneficiary: String?
        if personProblems.isEmpty {
            (beneficiary, outcome) = try findOrCreate(person, problems: &personProblems)
        }
        problems.insert(contentsOf: personProblems, at: 0)
        if let beneficiary, let refusal = try permission.problem(recordingFor: beneficiary) {
            problems.append(RecordProblem(field: person.codiceFiscale == nil ? "ref" : "codice_fiscale", message: refusal))
        }
        guard problems.isEmpty, let beneficiary, let delivery else { return .rejected }
        _ = try writer.insertDelivery(delivery, beneficiary: beneficiary, importID: importID)
        return outcome
    }

    /// The person a row names: by codice fiscale, then by file number, else a new one.
    private func findOrCreate(
        _ person: ValidBeneficiary, problems: inout [RecordProblem]
    ) throws -> (String?, RowOutcome) {
        if let codiceFiscale = person.codiceFiscale {
            if let id = try writer.beneficiary(withCodiceFiscale: codiceFiscale) {
                try writer.addVulnerabilities(person.vulnerabilities, to: id)
                return (id, .matched)
            }
            if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
                guard !match.hasCodiceFiscale else {
                    problems.append(RecordProblem(
                        field: "ref", message: "your organisation's person with this file number has another codice fiscale; check both"))
                    return (nil, .rejected)
                }
                try writer.attachCodiceFiscale(codiceFiscale, to: match.id)
                try writer.addVulnerabilities(person.vulnerabilities, to: match.id)
                return (match.id, .matched)
            }
        } else if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
            try writer.addVulnerabilities(person.vulnerabilities, to: match.id)
            return (match.id, .matched)
        }
        validator.requireNewPersonFields(person, problems: &problems)
        guard problems.isEmpty else { return (nil, .rejected) }
        let id = try writer.createBeneficiary(person)
        try writer.addVulnerabilities(person.vulnerabilities, to: id)
        return (id, .created)
    }

    /// The columns of the header row, or `nil` after reporting its problems.
    private func header(_ decoding: inout TextDecoding, problem: (Int, String?, String) -> Void) throws -> [ImportColumn]? {
        var columns: [ImportColumn] = []
        var valid = true
        for index in 0..<reader.fieldCount {
            let name = (try? decoding.decode(reader.field(index))) ?? ""
            guard let column = ImportColumn(header: name) else {
                problem(reader.recordLine, nil, "column \(index + 1) has the unknown header `\(name)`; rename it to one of \(ImportColumn.allCases.map(\.rawValue).joined(separator: ", ")) or remove the column")
                valid = false
                continue
            }
            if columns.contains(column) {
                problem(reader.recordLine, nil, "the header names `\(column.rawValue)` twice; keep one of the two columns")
                valid = false
            }
            columns.append(column)
        }
        for column in ImportColumn.required where !columns.contains(column) {
            problem(reader.recordLine, nil, "the header has no `\(column.rawValue)` column; every delivery needs one")
            valid = false
        }
        return valid ? columns : nil
    }

    private func summary(rows: Int, created: Int, matched: Int, decoding: TextDecoding) -> ImportSummary {
        ImportSummary(
            rows: rows, peopleCreated: created, rowsMatched: matched, fileDigest: "",
            encoding: (decoding.encoding ?? .utf8).rawValue,
            separator: String(UnicodeScalar(reader.separator)), dryRun: false)
    }
}
