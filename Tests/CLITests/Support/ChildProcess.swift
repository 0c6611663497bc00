import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with `posix_spawn`, its output captured in files. Foundation's `Process`
/// crashes when tests start processes from several threads at once on Linux; this helper has
/// no shared state, so tests can run in parallel.
enum ChildProcess {
    /// Runs `executable` with `arguments` and exactly `environment`, in `directory`, with
    /// standard input from `/dev/null`, and returns what it printed and its exit status.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String
    ) throws -> CommandResult {
        try start(executable, arguments, environment: environment, directory: directory).wait()
    }

    /// Starts `executable` as `run` does, without waiting for it.
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String
    ) throws -> RunningProcess {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "registro-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        let outPath = capture.appendingPathComponent("out").path
        let errPath = capture.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The shell changes to `directory`, then becomes the program.
        let shell = "/bin/sh"
        let argv =
            ([shell, "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, shell, &actions, nil, argv, envp)
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: capture)
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL)
        }
        return RunningProcess(pid: pid, capture: capture)
    }
}

/// A program started by `ChildProcess.start`: it can be sent a signal, and must be waited for.
struct RunningProcess {
    /// The process id.
    let pid: pid_t
    /// The folder holding the captured output, removed by `wait`.
    let capture: URL

    /// Sends `signal` to the process.
    func kill(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the process to end and returns what it printed and its exit status (128 plus
    /// the signal's number when a signal ended it).
    func wait() -> CommandResult {
        defer { try? FileManager.default.removeItem(at: capture) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return CommandResult(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            stdout: (try? String(contentsOfFile: capture.appendingPathComponent("out").path, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: capture.appendingPathComponent("err").path, encoding: .utf8)) ?? "")
    }
}
