import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// Everything imports store, as lines of text that do not depend on random ids, nonces or
/// times: people are named `P1`, `P2`, … in the order they were created, sealed fields are
/// shown opened, blind indexes as whether they match the opened codice fiscale. Two registries
/// that received the same imports have the same dump.
enum RegistryDump {
    /// The dump of `registry`.
    static func lines(_ registry: Registry) throws -> [String] {
        let keys = try registry.keys()
        let people = try registry.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, owner_org, created_by, ref, cf_index, sex, birth_year, citizenship, comune
                    FROM beneficiary ORDER BY rowid
                    """)
        }
        var lines: [String] = []
        var label: [String: String] = [:]
        for row in people {
            let id: String = row["id"]
            expectValidID(id)
            label[id] = "P\(label.count + 1)"
            let fields = try registry.personalFields(of: id)
            let index = (row["cf_index"] as Data?).map(Array.init)
            let indexState =
                switch (index, fields["codice_fiscale"]) {
                case (nil, nil): "none"
                case let (index?, code?): index == BlindIndex.of(code, key: keys.blindIndexKey) ? "matches" : "WRONG"
                default: "WRONG"
                }
            let clear = ["owner_org", "created_by", "ref", "sex", "birth_year", "citizenship", "comune"]
                .map { "\($0)=\(row[$0] as DatabaseValue)" }
            let sealed = Registry.personalColumns.compactMap { column in fields[column].map { "\(column)=\($0)" } }
            lines.append(
                "beneficiary \(label[id]!) " + (clear + ["cf_index=\(indexState)"] + sealed).joined(separator: " "))
        }
        return try registry.database.read { db in
            let keyed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM beneficiary_key WHERE kek_generation = 0") ?? 0
            lines.append("beneficiary_key rows of generation 0: \(keyed)")
            lines += try Row.fetchAll(db, sql: "SELECT beneficiary_id, org_id, code FROM beneficiary_vulnerability")
                .map {
                    "vulnerability \(label[$0["beneficiary_id"]]!) \($0["org_id"] as String) \($0["code"] as String)"
                }
                .sorted()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, beneficiary_id, org_id, recorded_by, date, service_code, hours, channel, outcome, impact,
                        project, notes, import_id FROM delivery ORDER BY id
                    """)
            {
                let id: Int64 = row["id"]
                let beneficiary: String = row["beneficiary_id"]
                let notes = try (row["notes"] as Data?).map { sealed in
                    try FieldSealing.open(
                        Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(id)),
                        with: keys.dataKey(for: beneficiary, db))
                }
                let clear = [
                    "org_id", "recorded_by", "date", "service_code", "hours", "channel", "outcome", "impact", "project",
                    "import_id",
                ]
                .map { "\($0)=\(row[$0] as DatabaseValue)" }
                lines.append(
                    "delivery \(id) \(label[beneficiary]!) " + clear.joined(separator: " ")
                        + " notes=\(notes ?? "NULL")")
            }
            lines += try Row.fetchAll(
                db,
                sql: """
                    SELECT id, org_id, imported_by, row_count, people_created, length(file_digest) AS digest FROM import_batch ORDER BY id
                    """
            ).map { row in
                "import_batch \(row["id"] as Int64) \(row["org_id"] as String) \(row["imported_by"] as String) rows=\(row["row_count"] as Int64) people=\(row["people_created"] as Int64) digest_hex_length=\(row["digest"] as Int64)"
            }
            lines += try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, org, resource, row_count, detail FROM audit_entry WHERE action = 'import' ORDER BY seq
                    """
            ).map { row in
                "audit import \(row["actor"] as DatabaseValue) \(row["org"] as DatabaseValue) \(row["resource"] as DatabaseValue) rows=\(row["row_count"] as DatabaseValue) \(row["detail"] as DatabaseValue)"
            }
            let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            lines.append("foreign key violations: \(violations.count)")
            return lines
        }
    }

    /// Records an issue unless `id` has the shape of a pseudonymous beneficiary id.
    private static func expectValidID(_ id: String) {
        let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        if !(id.count == 12 && id.first == "B" && id.dropFirst().allSatisfy(alphabet.contains)) {
            Issue.record("not a pseudonymous id: \(id)")
        }
    }
}
