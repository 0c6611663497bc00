import Foundation

/// Runs the built `registro` binary, as a user would from a shell.
enum CommandRunner {
    /// What a run of the binary gave.
    struct Result {
        /// The exit status.
        var status: Int32
        /// Standard output.
        var stdout: String
        /// Standard error.
        var stderr: String
    }

    /// The built executable: beside the test bundle, or one folder up.
    static var executable: URL {
        let products = Bundle.main.bundleURL
        let candidates = [
            products.appendingPathComponent("registro"),
            products.deletingLastPathComponent().appendingPathComponent("registro"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `registro arguments…` with `environment` added to this process's environment
    /// (less any REGISTRO_ variable, so the caller's shell cannot change what a test does).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REGISTRO_") }
        variables.merge(environment) { $1 }
        process.environment = variables
        // Output goes to files, so that a large output can never block the process on a full pipe.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.path("stdout"), contents: nil)
        FileManager.default.createFile(atPath: folder.path("stderr"), contents: nil)
        let output = try FileHandle(forWritingTo: folder.url.appendingPathComponent("stdout"))
        let error = try FileHandle(forWritingTo: folder.url.appendingPathComponent("stderr"))
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()
        let outputData = try Data(contentsOf: folder.url.appendingPathComponent("stdout"))
        let errorData = try Data(contentsOf: folder.url.appendingPathComponent("stderr"))
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A fresh temporary folder, removed by `remove()`.
struct TemporaryFolder {
    /// The folder.
    let url: URL

    /// Creates a new empty folder under the system's temporary directory.
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("registro-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Removes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
