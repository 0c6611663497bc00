import Foundation
import Testing

/// Runs the built `registro` binary.
enum RegistroBinary {
    /// The built executable, next to the test bundle.
    static var url: URL {
        let products = Bundle.main.bundleURL
        let candidates = [
            products.appendingPathComponent("registro"),
            products.deletingLastPathComponent().appendingPathComponent("registro"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The exit status, standard output and standard error of `registro arguments…`.
    static func run(
        _ arguments: [String], input: String? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

@Suite struct RegistroCommandTests {
    @Test func versionFlagPrintsTheLibraryVersion() throws {
        let result = try RegistroBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
