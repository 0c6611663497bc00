import Foundation

/// What someone holding the database file and the keyring, but not the audit key, can do to
/// the audit log: a Python script (standard library only) that drops the append-only
/// triggers, edits the entries, renumbers them and recomputes the whole chain from the
/// encoding in Docs/PRIVACY.md, then re-creates the triggers with their exact original text.
/// The chain then verifies on its own; only the witness can show the change.
enum AuditForgery {
    /// An edit of the log's entries.
    enum Edit {
        /// Removes every entry after entry `seq`.
        case truncate(after: Int)
        /// Removes every entry by `actor`.
        case removeActor(String)
        /// Swaps the contents of two entries (their positions in the log).
        case swap(Int, Int)

        var argument: String {
            switch self {
            case .truncate(let seq): "truncate:\(seq)"
            case .removeActor(let actor): "remove-actor:\(actor)"
            case .swap(let first, let second): "swap:\(first):\(second)"
            }
        }
    }

    /// Applies `edit` to the log of `registry`'s database and rehashes the chain.
    static func apply(_ edit: Edit, to registry: AuditTestRegistry) throws {
        let script = registry.path("forge_audit.py")
        try source.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try registry.python([script, registry.database, edit.argument])
        guard result.status == 0 else {
            throw ScenarioFailure(description: "the forgery failed: \(result.stderr)")
        }
    }

    private static let source = #"""
        import hashlib, sqlite3, sys

        COLUMNS = ("version seq time actor org action resource subject category purpose decision "
                   "policies policy_set emergency emergency_ref consents row_count file_digest detail").split()

        def encode(value):
            if value is None:
                return b"\x00"
            if isinstance(value, int):
                return b"\x01" + value.to_bytes(8, "big", signed=True)
            if isinstance(value, str):
                value = value.encode("utf-8")
                return b"\x02" + len(value).to_bytes(4, "big") + value
            return b"\x03" + len(value).to_bytes(4, "big") + bytes(value)

        database = sqlite3.connect(sys.argv[1], isolation_level=None)
        edit = sys.argv[2].split(":")
        triggers = database.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'").fetchall()
        database.execute("BEGIN IMMEDIATE")
        for name, _ in triggers:
            database.execute(f"DROP TRIGGER {name}")
        rows = [list(row) for row in database.execute(f"SELECT {', '.join(COLUMNS)} FROM audit_entry ORDER BY seq")]
        if edit[0] == "truncate":
            rows = rows[:int(edit[1])]
        elif edit[0] == "remove-actor":
            rows = [row for row in rows if row[3] != edit[1]]
        elif edit[0] == "swap":
            first, second = int(edit[1]) - 1, int(edit[2]) - 1
            rows[first], rows[second] = rows[second], rows[first]
        database.execute("DELETE FROM audit_entry")
        previous = bytes(32)
        insert = (f"INSERT INTO audit_entry ({', '.join(COLUMNS)}, prev_hash, hash) "
                  f"VALUES ({', '.join('?' * (len(COLUMNS) + 2))})")
        for index, row in enumerate(rows):
            row[1] = index + 1
            digest = hashlib.blake2b(previous + b"".join(encode(value) for value in row), digest_size=32).digest()
            database.execute(insert, row + [previous, digest])
            previous = digest
        for _, sql in triggers:
            database.execute(sql)
        database.execute("COMMIT")
        """#
}
