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
                throw ValidationError("give \(View.formatNames)")
            }
            return format
        })
    var format: OutputFormat = .table

    func validate() throws {
        do {
            try View.require(format)
        } catch {
            throw ValidationError(Self.refusal(error))
        }
    }

    /// Prints `view` in the format asked for.
    func print(_ view: View) throws {
        do {
            Swift.print(try view.rendered(as: format), terminator: "")
        } catch {
            throw RegistroError.usage(Self.refusal(error))
        }
    }

    /// The sentence refusing a format, naming the option.
    private static func refusal(_ error: UnsupportedFormat) -> String {
        "--format \(error.format.rawValue): \(error.message)"
    }
}

extension OutputFormat: ExpressibleByArgument {}
