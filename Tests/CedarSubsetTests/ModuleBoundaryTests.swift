import Foundation
import Testing

/// The engine stands on its own: no source file of `Sources/CedarSubset` imports the registry or
/// the database, and none reads JSON with Foundation's `JSONSerialization`, which loses exact
/// integers and accepts duplicate keys: the engine's own reader is the only one.
@Suite struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/CedarSubset")

    @Test func noEngineSourceImportsTheRegistryOrUsesJSONSerialization() throws {
        let listing = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        let files = listing.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 30, "the engine's sources are not where the test expects them")
        var offending: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                if code.hasPrefix("import RegistroKit") || code.hasPrefix("import GRDB")
                    || code.contains("JSONSerialization")
                {
                    offending.append("\(file):\(number + 1): \(code)")
                }
            }
        }
        #expect(offending.isEmpty, "\(offending)")
    }
}
