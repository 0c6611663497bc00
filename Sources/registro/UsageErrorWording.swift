import Foundation
import RegistroOutput

/// The argument parser's complaint about a command line, in the command line's language: the
/// common ones (an unknown option, a missing value, a missing argument, a bad value, an
/// unexpected argument) are worded from the catalogue, naming the option as typed; any other
/// stays in the parser's English.
enum UsageErrorWording {
    /// The sentence for the parser's `message` (its first line is the problem) and `help`, the
    /// parser's line saying where the help is (`See 'registro org add --help' for more
    /// information.`).
    static func sentence(_ message: String, help: String?) -> String {
        let catalogue = CommandLanguage.catalogue
        let problem = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard catalogue.language == .italian else {
            return problem + (help.map { "; s" + $0.dropFirst() } ?? "")
        }
        let line = String(problem.prefix { $0 != "\n" })
        let command = help.flatMap { $0.split(separator: "'", omittingEmptySubsequences: false).dropFirst().first }
        return (italian(line, catalogue) ?? problem)
            + (command.map { catalogue.text("cli_usage_help", ["help": String($0)]) } ?? "")
    }

    /// The problem `line` in the catalogue's words, or `nil` when it is not a common one.
    private static func italian(_ line: String, _ catalogue: Catalogue) -> String? {
        if let rest = after("Unknown option '", in: line) {
            guard let suggestionStart = rest.range(of: "'. Did you mean '") else {
                return catalogue.text("cli_usage_unknown_option", ["option": String(rest.dropLast())])
            }
            let suggestion = rest[suggestionStart.upperBound...].dropLast(2)
            return catalogue.text(
                "cli_usage_unknown_option_suggestion",
                ["option": String(rest[..<suggestionStart.lowerBound]), "suggestion": String(suggestion)])
        }
        if let rest = after("Missing value for '", in: line) {
            return catalogue.text("cli_usage_missing_value", ["option": typed(rest.dropLast())])
        }
        if let rest = after("Missing expected argument '", in: line) {
            let argument = rest.dropLast()
            return argument.hasPrefix("-")
                ? catalogue.text("cli_usage_missing_option", ["option": typed(argument)])
                : catalogue.text("cli_usage_missing_argument", ["argument": String(argument)])
        }
        if let rest = after("The value '", in: line), let middle = rest.range(of: "' is invalid for '") {
            let option = rest[middle.upperBound...].prefix { $0 != "'" }
            // What the option's own check said, worded already in the command line's language.
            let detail = rest[middle.upperBound...].drop { $0 != "'" }
            return catalogue.text(
                "cli_usage_invalid_value",
                ["value": String(rest[..<middle.lowerBound]), "option": typed(option)])
                + (detail.hasPrefix("': ") ? ": " + detail.dropFirst(3) : "")
        }
        if let rest = after("Unexpected argument '", in: line) {
            return catalogue.text("cli_usage_unexpected_argument", ["argument": String(rest.dropLast())])
        }
        if let colon = line.range(of: " unexpected arguments: '"), let count = Int(line[..<colon.lowerBound]) {
            let arguments = line[colon.upperBound...].dropLast().components(separatedBy: "', '")
            return catalogue.text(
                "cli_usage_unexpected_arguments",
                ["n": String(count), "arguments": arguments.map { "`\($0)`" }.joined(separator: ", ")])
        }
        return nil
    }

    /// What follows `prefix` in `line`, or `nil` when `line` does not start with it.
    private static func after(_ prefix: String, in line: String) -> Substring? {
        line.hasPrefix(prefix) ? line.dropFirst(prefix.count) : nil
    }

    /// An option as typed, without the value name the parser adds: `--id` for `--id <id>`.
    private static func typed(_ synopsis: Substring) -> String {
        String(synopsis.prefix { $0 != " " })
    }
}
