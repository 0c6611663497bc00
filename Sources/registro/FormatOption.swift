import ArgumentParser
import RegistroKit
import RegistroOutput

/// `--format` of a command that prints `View`: the formats the view has, `table` by default.
/// A format the view has not is refused while parsing, before anything is read or recorded,
/// with one sentence and exit status 64.
struct FormatOption<View: OutputView>: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Output format: \(View.formatNames); table by default.", valueName: "format"),
        transform: { text in
            guard let format = OutputFormat(rawValue: text) else {
                throw ValidationError(worded("cli_format_unknown", ["formats": formatNames(View.formats)]))
            }
            return format
        })
    var format: OutputFormat = .table

    func validate() throws {
        do {
            try View.require(format)
        } catch {
            throw ValidationError(error.commandLineSentence)
        }
    }

    /// Prints `view` in the format asked for.
    func print(_ view: View) throws {
        do {
            Swift.print(try view.rendered(as: format), terminator: "")
        } catch {
            throw RegistroError.usage(error.commandLineSentence)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension UnsupportedFormat {
    /// The refusal as the command line says it, in its language: the option, and the formats
    /// the command has.
    var commandLineSentence: String {
        worded("cli_format_refused", ["format": format.rawValue, "noun": noun, "formats": formatNames(supported)])
    }
}

/// `formats` in words in the command line's language: `table, json or csv`, `table, json o csv`.
func formatNames(_ formats: [OutputFormat]) -> String {
    let names = formats.map(\.rawValue)
    guard let last = names.last, names.count > 1 else { return names.joined() }
    return names.dropLast().joined(separator: ", ") + worded("cli_or") + last
}
