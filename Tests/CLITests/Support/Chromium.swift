import Foundation

/// Debian's headless Chromium, which `make test` installs (`.ci/install-chromium`), used to
/// render HTML reports the way a browser shows them.
enum Chromium {
    /// The browser's path, or `nil` when it is not installed.
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Renders the page at `html` to the PNG file `png`, `width`×`height` pixels, giving up
    /// after `timeout` seconds.
    static func screenshot(of html: String, to png: String, width: Int = 1000, height: Int = 1600, timeout: TimeInterval = 90) throws {
        guard let path else { throw Failure(description: "chromium is not installed") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("registro-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--no-first-run", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
            "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "chromium did not finish within \(Int(timeout)) seconds")
        }
        guard FileManager.default.fileExists(atPath: png) else {
            throw Failure(description: "chromium exited with status \(process.terminationStatus) and wrote no screenshot")
        }
    }

    /// Why a screenshot failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
