import Foundation
import RegistroKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the keyring passphrase: `REGISTRO_PASSPHRASE` when set, else a prompt on the terminal
/// without echo.
enum Passphrase {
    /// The passphrase, from the environment or the terminal.
    ///
    /// - Throws: `RegistroError` (usage) when the variable is unset and there is no terminal.
    static func read(prompt: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment["REGISTRO_PASSPHRASE"] {
            return value
        }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) else {
            throw RegistroError.usage(worded("cli_passphrase_no_terminal"))
        }
        return String(cString: typed)
    }

    /// A new passphrase: from the environment, or typed twice on the terminal.
    static func readNew() throws -> String {
        if let value = ProcessInfo.processInfo.environment["REGISTRO_PASSPHRASE"] {
            return value
        }
        let first = try read(prompt: worded("cli_passphrase_new_prompt"))
        let second = try read(prompt: worded("cli_passphrase_again_prompt"))
        guard first == second else {
            throw RegistroError.usage(worded("cli_passphrases_differ"))
        }
        return first
    }
}
