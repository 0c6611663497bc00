import Foundation
import RegistroOutput

/// The language the command line speaks: Italian when the locale of its environment is Italian
/// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them), English otherwise. Only
/// what people read follows it; JSON and CSV keep codes and machine formats for scripts.
enum CommandLanguage {
    /// The language of this run.
    static let current = Language.fromLocale(environment: ProcessInfo.processInfo.environment)

    /// The strings of this run's language.
    static var catalogue: Catalogue { Catalogue.of(current) }
}
