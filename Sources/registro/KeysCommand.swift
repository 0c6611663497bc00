import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro keys`: key management.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys",
            abstract: "Manage the registry's keys.",
            subcommands: [Rotate.self, SealSpecial.self])

        /// `registro keys rotate`.
        struct Rotate: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rotate",
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
                    confirm(
                        "cli_done_keys_rotated",
                        ["generation": String(result.generation), "count": String(result.rewrapped)])
                }
            }
        }

        /// `registro keys seal-special`.
        struct SealSpecial: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "seal-special",
                abstract: "Seal the special-category vulnerabilities an older registro kept in clear (admins).",
                discussion: """
                    Registries made before special-category vulnerabilities (health, disability, \
                    addiction, detention, …) were sealed keep them in clear, and registro refuses to \
                    open them until this command has sealed them under each person's data key and \
                    overwritten the clear rows. Recorded in the audit log.

                    Example:
                      registro keys seal-special --as admin
                    """)

            @OptionGroup var registry: RegistryOptions

            func run() throws {
                try reportingErrors {
                    let opened = try registry.open(allowingClearSpecialCodes: true)
                    let sealed = try opened.sealSpecialVulnerabilities(by: registry.agent(in: opened))
                    confirm("cli_done_special_sealed", ["count": String(sealed)])
                }
            }
        }
    }
}
