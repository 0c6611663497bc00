import Foundation

/// Debian's headless Chromium, which `make test` installs (`.ci/install-chromium`), used to
/// render HTML reports the way a browser shows them.
enum Chromium {
    /// The browser's path, or `nil` when it is not installed.
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Renders the page at `html` to the PNG file `png`, `width`×`height` pixels, in
    /// `directory` (which also holds the browser's throwaway profile). Each attempt is given
    /// `timeout` seconds; a browser that hangs on a busy machine is tried again, up to
    /// `attempts` times.
    static func screenshot(
        of html: String, to png: String, in directory: URL, width: Int = 1000, height: Int = 1600,
        timeout: Int = 60, attempts: Int = 3
    ) throws {
        guard let path else { throw Failure(description: "chromium is not installed") }
        var failures: [String] = []
        for attempt in 1...attempts {
            let profile = directory.appendingPathComponent("chromium-profile-\(attempt)").path
            let result = try ChildProcess.run(
                "/usr/bin/timeout",
                [
                    "--kill-after=5", "\(timeout)", path, "--headless", "--no-sandbox", "--no-zygote", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking",
                    "--disable-breakpad",
                    "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(profile)",
                    "--window-size=\(width),\(height)",
                    "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString,
                ],
                environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path], directory: directory.path)
            if FileManager.default.fileExists(atPath: png) { return }
            failures.append(
                "attempt \(attempt): exit status \(result.status)\(result.status == 124 ? " (timed out)" : "")")
        }
        throw Failure(description: "chromium wrote no screenshot: \(failures.joined(separator: "; "))")
    }

    /// Why a screenshot failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
