import Foundation
import Testing

/// Every command names itself: a configuration without `commandName` makes swift-argument-parser
/// derive the name from the type's by reflection at every start of every process (about 86
/// million instructions for the 50 commands that once lacked it, Docs/PERFORMANCE.md "Start-up").
@Suite struct CommandNameTests {
    /// `Sources/registro/`, found from this file's place in the repository.
    static let commands = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/registro")

    /// The argument list of each `CommandConfiguration(…)` in `text`.
    static func configurations(in text: String) -> [Substring] {
        var found: [Substring] = []
        var rest = text[...]
        while let start = rest.range(of: "CommandConfiguration(") {
            var depth = 1
            var index = start.upperBound
            while depth > 0, index < rest.endIndex {
                if rest[index] == "(" { depth += 1 } else if rest[index] == ")" { depth -= 1 }
                index = rest.index(after: index)
            }
            found.append(rest[start.upperBound..<index])
            rest = rest[index...]
        }
        return found
    }

    @Test("every command configuration gives its commandName, so that no start derives one by reflection")
    func everyCommandNamesItself() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.commands.path)
            .filter { $0.hasSuffix(".swift") }
        var count = 0
        var unnamed: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.commands.appendingPathComponent(file), encoding: .utf8)
            for arguments in Self.configurations(in: text) {
                count += 1
                if !arguments.contains("commandName:") { unnamed.append(file) }
            }
        }
        #expect(count >= 56, "the commands are where this test looks")
        #expect(unnamed.isEmpty, "configurations without commandName in: \(unnamed.sorted())")
    }
}
