import Foundation

/// What one run of a command printed and returned.
struct AuditRunResult {
    /// The exit status.
    let status: Int32
    /// Standard output.
    let stdout: String
    /// Standard error.
    let stderr: String
}

/// A temporary directory holding a registry for one audit test, removed at the end, with ways
/// to run the built `registro` binary, the `sqlite3` shell and `python3` on it.
///
/// Named for the audit tests so that it does not clash with other suites' helpers; the lead
/// may merge them.
final class AuditTestRegistry: Sendable {
    /// The directory holding the registry and the test's files.
    let directory: URL
    /// The registry database.
    var database: String { directory.appendingPathComponent("registro.db").path }

    /// A fresh empty directory.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("registro-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The package's root folder, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `registro` binary: `REGISTRO_BINARY`, else the first `registro` found going
    /// up from the test executable.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["REGISTRO_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("registro").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("registro")
    }

    /// Runs `registro ARGUMENTS --db DATABASE`, in the directory, with a clean environment.
    @discardableResult
    func registro(_ arguments: [String]) throws -> AuditRunResult {
        try Self.execute(Self.binary, arguments + ["--db", database], in: directory)
    }

    /// Runs the `sqlite3` shell on the database with `sql`.
    @discardableResult
    func sqlite(_ sql: String) throws -> AuditRunResult {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", database, sql], in: directory)
    }

    /// Runs `python3` with `arguments`.
    func python(_ arguments: [String]) throws -> AuditRunResult {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: directory)
    }

    /// Runs `executable` with `arguments` in `directory`, with only `PATH` and `HOME` set.
    static func execute(_ executable: URL, _ arguments: [String], in directory: URL) throws -> AuditRunResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": directory.path,
        ]
        // Standard error goes to a file, so that neither stream can fill a pipe and block.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "registro-audit-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = FileManager.default.contents(atPath: errorFile.path) ?? Data()
        return AuditRunResult(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A counter that several threads may increment.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one.
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    /// The count so far.
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
