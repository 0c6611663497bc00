import Foundation
import Testing

/// A locale a command of the command line is run in.
enum CommandLocale: String, Sendable, CustomStringConvertible {
    /// `LANG=it_IT.UTF-8`.
    case italian
    /// `LANG=C`.
    case english
    /// `LANG=it_IT.UTF-8` overruled by `LC_ALL=C`: English.
    case italianUnderCAll
    /// `LANG=C` with `LC_MESSAGES=it_IT.UTF-8`: Italian messages.
    case italianMessages

    /// The environment that sets the locale.
    var environment: [String: String] {
        switch self {
        case .italian: ["LANG": "it_IT.UTF-8"]
        case .english: ["LANG": "C"]
        case .italianUnderCAll: ["LANG": "it_IT.UTF-8", "LC_ALL": "C"]
        case .italianMessages: ["LANG": "C", "LC_MESSAGES": "it_IT.UTF-8"]
        }
    }

    var description: String {
        environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// One check of what a command printed: its trimmed standard output when it succeeds, else its
/// standard error. In a checked text, `{person}` stands for the id of the person of the test.
enum OutputCheck: Sendable {
    case starts(String)
    case ends(String)
    case equals(String)
    case contains(String)
    case lacks(String)
    case firstLineContains(String)
    case firstLineLacks(String)

    /// Checks `output`, saying `what` ran when it fails.
    func check(_ output: String, person: String, _ what: String) {
        switch self {
        case .starts(let text):
            #expect(output.hasPrefix(fill(text, person)), "\(what) starts with \(fill(text, person))")
        case .ends(let text):
            #expect(output.hasSuffix(fill(text, person)), "\(what) ends with \(fill(text, person))")
        case .equals(let text):
            #expect(output == fill(text, person), "\(what) prints exactly this")
        case .contains(let text):
            #expect(output.contains(fill(text, person)), "\(what) says \(fill(text, person))")
        case .lacks(let text):
            #expect(!output.contains(fill(text, person)), "\(what) does not say \(fill(text, person))")
        case .firstLineContains(let text):
            #expect(output.prefix { $0 != "\n" }.contains(text), "\(what): its first line says \(text)")
        case .firstLineLacks(let text):
            #expect(!output.prefix { $0 != "\n" }.contains(text), "\(what): its first line does not say \(text)")
        }
    }

    private func fill(_ text: String, _ person: String) -> String {
        text.replacingOccurrences(of: "{person}", with: person)
    }
}

/// How a command's output in Italian compares with its output in English.
enum LocaleComparison: Sendable {
    /// Not compared.
    case none
    /// The same to the byte (JSON, CSV: codes and machine formats either way).
    case identical
    /// The same in the first `count` characters (an audit log, which grows with each run).
    case samePrefix(Int)

    /// Whether the outputs are compared at all.
    var comparesOutputs: Bool {
        if case .none = self { false } else { true }
    }
}

/// A command of the command line, and what it must print in each locale it is run in, in order.
/// In the arguments, `{person}` stands for the id of the person of the test and `{folder}` for
/// the registry's folder.
struct LocalisedCommand: Sendable {
    /// The arguments, without `--db`.
    let arguments: [String]
    /// The exit status in every locale: 0 checks the standard output, any other the standard
    /// error.
    let status: Int32
    /// The locales, in the order the command runs in them, and the checks of each.
    let runs: [(locale: CommandLocale, checks: [OutputCheck])]
    /// How the Italian and English outputs compare.
    let comparison: LocaleComparison
    /// Variables set besides the locale's (`REGISTRO_PASSPHRASE`); `{folder}` is filled in.
    let environment: [String: String]
    /// Whether `--db` names the test's registry; when `false` the arguments say where it is.
    let withDatabase: Bool

    /// A command run in Italian, then in English (when there are English checks or a comparison).
    init(
        _ arguments: [String], status: Int32 = 0, italian: [OutputCheck] = [], english: [OutputCheck]? = nil,
        comparison: LocaleComparison = .none, environment: [String: String] = [:], withDatabase: Bool = true
    ) {
        var runs: [(locale: CommandLocale, checks: [OutputCheck])] = [(.italian, italian)]
        if english != nil || comparison.comparesOutputs {
            runs.append((.english, english ?? []))
        }
        self.init(
            arguments, status: status, runs: runs, comparison: comparison, environment: environment,
            withDatabase: withDatabase)
    }

    /// A command run in each of `runs`' locales in turn.
    init(
        _ arguments: [String], status: Int32 = 0, runs: [(locale: CommandLocale, checks: [OutputCheck])],
        comparison: LocaleComparison = .none, environment: [String: String] = [:], withDatabase: Bool = true
    ) {
        self.arguments = arguments
        self.status = status
        self.runs = runs
        self.comparison = comparison
        self.environment = environment
        self.withDatabase = withDatabase
    }

    /// Runs the command in each locale on `registry` and checks what it printed.
    func check(on registry: TemporaryRegistry, person: String) throws {
        let fill = { (text: String) in
            text.replacingOccurrences(of: "{person}", with: person).replacingOccurrences(
                of: "{folder}", with: registry.directory.path)
        }
        let arguments = arguments.map(fill)
        let extra = environment.mapValues(fill)
        var outputs: [CommandLocale: String] = [:]
        for (locale, checks) in runs {
            let what = "\(locale) registro \(arguments.joined(separator: " "))"
            let result = try registry.run(
                arguments, environment: locale.environment.merging(extra) { $1 }, withDatabase: withDatabase)
            #expect(result.status == status, "\(what) exits \(status): \(result.stderr)")
            let output =
                status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : result.stderr
            for check in checks {
                check.check(output, person: person, what)
            }
            outputs[locale] = output
        }
        let italian = outputs[.italian] ?? ""
        let english = outputs[.english] ?? ""
        let what = "registro \(arguments.joined(separator: " "))"
        switch comparison {
        case .none: break
        case .identical: #expect(italian == english, "\(what) prints the same in Italian and English")
        case .samePrefix(let count):
            #expect(italian.prefix(count) == english.prefix(count), "\(what) begins the same in Italian and English")
        }
    }
}

/// A step of a test of the command line's languages.
enum LocalisedStep: Sendable {
    /// Writes a file of `contents` in the registry's folder.
    case write(String, contents: String)
    /// Runs a command that must succeed, in the test's default environment; its output is not
    /// checked.
    case succeed([String])
    /// Runs a command in its locales and checks what it printed.
    case command(LocalisedCommand)
    /// Checks a file a command wrote in the registry's folder.
    case file(String, [OutputCheck])
}

/// A test of the command line's languages: a registry to start from, and its steps in order.
struct LocalisedCase: Sendable, CustomTestStringConvertible {
    /// What the registry holds before the first step.
    enum Start: Sendable {
        /// One network of two organisations and their users.
        case network
        /// The network and one person, imported by `sw-alfa` from an Italian spreadsheet.
        case onePerson
    }

    /// What the test shows.
    let title: String
    /// What the registry holds before the first step.
    let start: Start
    /// The steps, in order.
    let steps: [LocalisedStep]

    var testDescription: String { title }

    /// Runs the steps on `registry`, where `person` is the id of the person of the test.
    func run(on registry: TemporaryRegistry, person: String) throws {
        for step in steps {
            switch step {
            case .write(let name, let contents):
                _ = try registry.write(name, Data(contents.utf8))
            case .succeed(let arguments):
                try registry.succeed(arguments.map { $0.replacingOccurrences(of: "{person}", with: person) })
            case .command(let command):
                try command.check(on: registry, person: person)
            case .file(let name, let checks):
                let text = try String(contentsOf: registry.directory.appendingPathComponent(name), encoding: .utf8)
                for check in checks {
                    check.check(text, person: person, name)
                }
            }
        }
    }
}
