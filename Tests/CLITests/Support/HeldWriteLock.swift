import Foundation

/// A database's write lock held by a `sqlite3` shell, as another program's long write would
/// hold it: every write to the database waits (within its busy timeout) until `release()`.
/// Reads go on beside it.
struct HeldWriteLock {
    private let process: RunningProcess
    private let folder: URL

    /// Takes the write lock of `database` (waiting up to 60 seconds for a write in progress)
    /// and returns once it holds it.
    init(_ database: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("registro-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // `-bail`: should BEGIN fail, the shell stops before it says it holds the lock.
        process = try ChildProcess.start(
            "/usr/bin/sqlite3",
            [
                "-bail", database, ".timeout 60000", "BEGIN IMMEDIATE;", ".shell touch held",
                ".shell while [ ! -e release ]; do sleep 0.02; done", "ROLLBACK;",
            ],
            environment: ["PATH": "/usr/bin:/bin"], directory: folder.path)
        let held = folder.appendingPathComponent("held").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: held) {
            guard Date() < deadline else {
                let result = release()
                throw CommandFailure(arguments: ["sqlite3", "BEGIN IMMEDIATE"], result: result)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Lets the lock go and waits for the shell to end.
    @discardableResult
    func release() -> CommandResult {
        FileManager.default.createFile(atPath: folder.appendingPathComponent("release").path, contents: nil)
        let result = process.wait()
        try? FileManager.default.removeItem(at: folder)
        return result
    }
}
