import Foundation
import Testing

/// The database library is seen only by the storage layer: every other part of the registry, and
/// both front ends, reach the database through `Storage/`, which is what lets another database
/// follow.
@Suite struct StorageBoundaryTests {
    /// `Sources/`, found from this file's place in the repository.
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test func nothingOutsideStorageImportsTheDatabaseLibrary() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.contains { $0.hasPrefix("RegistroKit/Storage/") }, "the sources are where this test looks")
        var offenders: [String] = []
        for file in files where !file.hasPrefix("RegistroKit/Storage/") {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            if text.split(separator: "\n").contains(where: {
                $0.hasPrefix("import GRDB") || $0.contains(" import GRDB")
            }) {
                offenders.append(file)
            }
        }
        #expect(offenders.isEmpty, "files outside RegistroKit/Storage/ that import GRDB: \(offenders)")
    }
}
