import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro keys`: key management.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the registry's keys.",
            subcommands: [Rotate.self])

        /// `registro keys rotate`.
        struct Rotate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Re-wrap every data key under a new key-encryption key (admins).",
                discussion: """
                    No field is re-encrypted; afterwards the old key-encryption key opens nothing. \
                    Recorded in the audit log.

                    Example:
                      registro keys rotate --as admin
                    """)

            @OptionGroup var registry: RegistryOptions

            func run() throws {
                try reportingErrors {
                    let opened = try registry.open()
                    let result = try opened.rotateKeys(by: registry.agent(in: opened))
                    print("key-encryption key now at generation \(result.generation): \(result.rewrapped) data keys re-wrapped")
                }
            }
        }
    }
}
