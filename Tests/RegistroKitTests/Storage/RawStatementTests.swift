import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// A raw statement binds what it is given, whether or not it skips a value bound already, and a
/// queue of rows inserts each row once, in order, the last few too.
@Suite("raw statements: bindings skipped when unchanged, queued rows inserted whole")
struct RawStatementTests {
    /// A database in memory with a table whose columns keep every value as bound (no affinity).
    static func probe() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE probe (n INTEGER PRIMARY KEY, i, r, t, b)")
        }
        return queue
    }

    /// The rows of `probe`, in order, as text: a value's type and its text.
    static func rows(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT n || ' ' || typeof(i) || ':' || quote(i) || ' ' || typeof(r) || ':' || quote(r) || ' '
                    || typeof(t) || ':' || quote(t) || ' ' || typeof(b) || ':' || quote(b) FROM probe ORDER BY n
                """)
    }

    @Test func valuesBoundAgainUnchangedOrChangedAreInsertedAsBound() throws {
        let queue = try Self.probe()
        let values: [(Int64?, Double?, String?, [UInt8]?)] = [
            (1, 1.5, "alfa", [1, 2]), (1, 1.5, "alfa", [1, 2]), (nil, nil, nil, nil), (nil, nil, nil, nil),
            (2, 1.5, "alfb", [1, 3]), (2, -0.0, "", [0]), (2, 0.0, "", [0]),
            (3, 2.5, String(repeating: "lunga ", count: 20), Array(repeating: 7, count: 100)),
            (3, 2.5, String(repeating: "lunga ", count: 20), Array(repeating: 7, count: 100)),
            (3, 2.5, "alfa", [1, 2]),
        ]
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO probe (n, i, r, t, b) VALUES (?1, ?2, ?3, ?4, ?5)")
            for (row, value) in values.enumerated() {
                insert.bind(1, Int64(row))
                insert.bind(2, value.0)
                insert.bind(3, value.1)
                insert.bind(4, value.2)
                insert.bind(5, blob: value.3)
                try insert.execute()
            }
            let expected = try values.enumerated().map { row, value in
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT ? || ' ' || typeof(?2) || ':' || quote(?2) || ' ' || typeof(?3) || ':' || quote(?3) || ' '
                            || typeof(?4) || ':' || quote(?4) || ' ' || typeof(?5) || ':' || quote(?5)
                        """,
                    arguments: [row, value.0, value.1, value.2, value.3.map { Data($0) }])!
            }
            #expect(try Self.rows(db) == expected)
        }
    }

    @Test func aTextAndABlobOfTheSameBytesAreBoundEachAsItsKind() throws {
        let queue = try Self.probe()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO probe (n, t) VALUES (?1, ?2)")
            insert.bind(1, Int64(1))
            insert.bind(2, "ab")
            try insert.execute()
            insert.bind(1, Int64(2))
            insert.bind(2, blob: Array("ab".utf8))
            try insert.execute()
            insert.bind(1, Int64(3))
            insert.bind(2, "ab")
            try insert.execute()
            #expect(try String.fetchAll(db, sql: "SELECT typeof(t) FROM probe ORDER BY n") == ["text", "blob", "text"])
        }
    }

    @Test func queuedRowsAreInsertedInOrderTheLastFewByAShorterStatement() throws {
        let queue = try Self.probe()
        try queue.write { db in
            let rows = QueuedInsert(
                db, rowsPerStatement: 4,
                sql: { count in
                    "INSERT OR FAIL INTO probe (n, i, t) VALUES "
                        + (0..<count).map { "(?\($0 * 3 + 1), ?\($0 * 3 + 2), ?\($0 * 3 + 3))" }.joined(separator: ", ")
                },
                constants: { insert, first in insert.bind(first + 1, Int64(42)) })
            var waiting: [String?] = []
            for row in 0..<11 {
                let text = row % 3 == 0 ? nil : "riga \(row % 2)"
                try rows.append { insert, first in
                    insert.bind(first, Int64(row))
                    insert.bind(first + 2, text)
                }
                waiting = row % 4 == 3 ? [] : waiting + [text]
                for probe in ["riga 0", "riga 1"] {
                    #expect(rows.contains { $0.isBound($1 + 2, toText: probe) } == waiting.contains(probe))
                }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") == 8)
            try rows.flush()
            try rows.flush()
            let stored = try Row.fetchAll(db, sql: "SELECT n, i, t FROM probe ORDER BY n").map {
                "\($0[0] as Int64) \($0[1] as Int64) \(($0[2] as String?) ?? "NULL")"
            }
            #expect(stored == (0..<11).map { "\($0) 42 \($0 % 3 == 0 ? "NULL" : "riga \($0 % 2)")" })
        }
    }
}
