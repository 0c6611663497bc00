import Foundation
import Testing

/// The library speaks in fields and domain words; only the command line knows its options and
/// commands.
@Suite struct LibraryWordingTests {
    /// `Sources/RegistroKit/`, found from this file's place in the repository.
    static let librarySources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RegistroKit")

    @Test func noLibrarySourceNamesACommandLineOptionOrCommand() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.librarySources.path))
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "the library's sources are where this test looks for them")
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.librarySources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("\"--") || line.contains("`registro ") {
                offenders.append("\(file):\(number + 1)")
            }
        }
        #expect(offenders.isEmpty, "library sources naming an option or a command: \(offenders)")
    }
}
