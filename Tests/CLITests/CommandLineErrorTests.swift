import Testing

/// A command line that does not parse is bad input like any other: one sentence on standard
/// error naming the problem and where the help is, exit status 64, nothing created.
@Suite("command lines that do not parse")
struct CommandLineErrorTests {
    static let mistakes: [(arguments: [String], problem: String, help: String)] = [
        (["org", "add", "--name", "Co.Al.A."], "Missing expected argument '--id <id>'", "registro org add --help"),
        (["frobnicate"], "Unexpected argument 'frobnicate'", "registro --help"),
        (
            ["report", "deliveries", "--by", "org", "--min-cell", "tre"],
            "The value 'tre' is invalid for '--min-cell <k>'", "registro report deliveries --help"
        ),
        (["case", "show", "--purpose"], "Missing value for '--purpose <purpose>'", "registro case show --help"),
    ]

    @Test("a missing, unknown or malformed argument gets one sentence and exit 64", arguments: mistakes.indices)
    func unparsableCommandLinesGetOneSentence(mistake: Int) throws {
        let (arguments, problem, help) = Self.mistakes[mistake]
        let registry = try TemporaryRegistry()
        let result = try registry.run(arguments, withDatabase: false)
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(result.stderr)")
        #expect(result.stderr.hasPrefix("registro: \(problem)"))
        #expect(result.stderr.contains("see '\(help)'"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--help and --version still print in full and exit 0")
    func helpAndVersionPrintAsUsual() throws {
        let registry = try TemporaryRegistry()
        let help = try registry.run(["case", "show", "--help"], withDatabase: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: registro case show"))
        #expect(help.stdout.contains("--emergency"))
        let version = try registry.run(["--version"], withDatabase: false)
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }
}
