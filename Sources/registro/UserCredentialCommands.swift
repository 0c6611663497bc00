import ArgumentParser
import Foundation
import RegistroKit

extension Registro.User {
    /// `registro user password`.
    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set a user's password for the registry server, read from standard input.",
            discussion: """
                For the operator on the server's machine: needs the keyring (its passphrase) and acts \
                for no user. The password is stored as an Argon2id hash; the user's failed logins and \
                lockout are cleared. With --one-time the user must change it at their next login.

                Example:
                  printf '%s\\n' 'una password lunga' | registro user password --id mrossi
                """)

        @OptionGroup var registry: OperatorOptions
        @Option(help: "The user's id.") var id: String
        @Flag(help: "A one-time password, to be changed at the first login.") var oneTime = false

        func run() throws {
            try reportingErrors {
                let input = FileHandle.standardInput.readDataToEndOfFile()
                guard var password = String(data: input, encoding: .utf8) else {
                    throw RegistroError.invalidData("the password on standard input is not UTF-8 text")
                }
                while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
                try registry.open().accounts().setPassword(password, for: id, oneTime: oneTime)
                confirm(oneTime ? "cli_done_password_one_time" : "cli_done_password", ["id": id])
            }
        }
    }

    /// `registro user totp`.
    struct Totp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "totp",
            abstract: "Enrol a TOTP authenticator for a user; prints the otpauth:// URI and recovery codes.",
            discussion: """
                For the operator on the server's machine: needs the keyring and acts for no user. Replaces any \
                earlier authenticator and recovery codes. Hand the URI (as a QR code) and the codes \
                to the user only: they are shown once. The user needs a password first.

                Example:
                  registro user totp --id coala-dpo
                """)

        @OptionGroup var registry: OperatorOptions
        @Option(help: "The user's id.") var id: String

        func run() throws {
            try reportingErrors {
                let enrolment = try registry.open().accounts().enrolTOTP(for: id)
                print(enrolment.provisioningURI)
                confirm("cli_totp_recovery_codes")
                for code in enrolment.recoveryCodes { print(code) }
            }
        }
    }
}
