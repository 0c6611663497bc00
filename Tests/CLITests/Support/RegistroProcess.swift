import Foundation

/// What a run of the `registro` binary printed and returned.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// A temporary directory holding a registry for one test, removed at the end, and a way to run
/// the built `registro` binary on it with a clean environment.
final class TemporaryRegistry: Sendable {
    /// The directory holding the registry and any test files.
    let directory: URL
    /// The registry database inside `directory`.
    var database: String { directory.appendingPathComponent("registro.db").path }
    /// The keyring beside the database.
    var keyring: String { database + ".keyring" }

    /// A fresh empty directory; nothing is created in it yet.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("registro-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The built `registro` binary: `REGISTRO_BINARY`, else beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["REGISTRO_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("registro").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("registro")
    }

    /// Runs `registro ARGUMENTS --db DATABASE` (unless `withDatabase` is false) in the
    /// directory, with only `environment` set besides `PATH` and `HOME`.
    @discardableResult
    func run(
        _ arguments: [String], environment: [String: String] = [:], withDatabase: Bool = true
    ) throws -> CommandResult {
        try start(arguments, environment: environment, withDatabase: withDatabase).wait()
    }

    /// Starts the command `run` runs, without waiting for it.
    func start(
        _ arguments: [String], environment: [String: String] = [:], withDatabase: Bool = true
    ) throws -> RunningProcess {
        var base = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
        base.merge(environment) { $1 }
        return try ChildProcess.start(
            Self.binary.path, arguments + (withDatabase ? ["--db", database] : []), environment: base,
            directory: directory.path)
    }

    /// A new temporary registry holding a copy of this one's database, keyring and audit key,
    /// which no process may be using.
    func copy() throws -> TemporaryRegistry {
        let copy = try TemporaryRegistry()
        for path in [database, keyring, database + ".audit-key"] {
            try FileManager.default.copyItem(
                atPath: path, toPath: copy.directory.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        return copy
    }

    /// Runs a command that must succeed, and returns its trimmed standard output.
    @discardableResult
    func succeed(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try run(arguments, environment: environment)
        guard result.status == 0 else {
            throw CommandFailure(arguments: arguments, result: result)
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `contents` to a file in the directory and returns its path.
    func write(_ name: String, _ contents: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    /// A registry with a raw keyring, one network, two organisations in it, and for each an
    /// admin-created social worker (`sw-ORG`); plus an admin and a privacy officer at the first.
    func setUpNetwork(organisations: [String] = ["alfa", "beta"]) throws {
        try succeed(["init", "--no-passphrase", "--network", "rete", "--network-name", "Rete di prova"])
        for organisation in organisations {
            try succeed([
                "org", "add", "--id", organisation, "--name", "Ente \(organisation)", "--kind", "ets",
                "--territory", "asti", "--axes", "lavoro", "--network", "rete",
            ])
        }
        try succeed(["user", "add", "--id", "admin", "--name", "Admin", "--org", organisations[0], "--role", "admin"])
        try succeed([
            "user", "add", "--id", "dpo", "--name", "DPO", "--org", organisations[0], "--role", "privacy_officer",
        ])
        for organisation in organisations {
            try succeed([
                "user", "add", "--id", "sw-\(organisation)", "--name", "Operatore", "--org", organisation,
                "--role", "social_worker",
            ])
        }
    }

    /// The bytes of the database and its `-wal` file, for scans for plaintext.
    func databaseFiles() -> Data {
        var bytes = Data()
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: database + suffix) { bytes.append(data) }
        }
        return bytes
    }
}

/// A command that was expected to succeed and did not.
struct CommandFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let result: CommandResult

    var description: String {
        "registro \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"
    }
}
