import Foundation

/// Runs a counting query with the `sqlite3` shell, as an independent reader of the database.
func sqliteCount(_ database: String, _ sql: String) throws -> Int {
    Int(try sqliteLines(database, sql).first ?? "") ?? -1
}

/// The output lines of a query run with the `sqlite3` shell.
func sqliteLines(_ database: String, _ sql: String) throws -> [String] {
    let result = try ChildProcess.run("/usr/bin/sqlite3", [database, sql], environment: [:], directory: "/")
    return result.stdout.split(separator: "\n").map(String.init)
}

/// The `sqlite3` shell's `.dump` of the database: its whole logical content, to compare before
/// and after a command that must change nothing.
func sqliteDump(_ database: String) throws -> String {
    try ChildProcess.run("/usr/bin/sqlite3", [database, ".dump"], environment: [:], directory: "/").stdout
}
