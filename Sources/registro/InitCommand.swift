import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro init`: creates an empty registry and its keyring.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create an empty registry and its keyring.",
            discussion: """
                Creates the database (default registro.db) and, apart from it, the keyring holding \
                the root key (default: the database path with .keyring appended) and the audit \
                key that signs the audit log's checkpoints (the database path with .audit-key \
                appended; keep it with whoever runs the registry, never with users), all readable \
                by their owner only. The first checkpoint goes to the witness (--witness). The \
                keyring is sealed under a passphrase (REGISTRO_PASSPHRASE \
                or typed twice); keep it and the passphrase safe: without them no personal field \
                can be read again.

                Examples:
                  registro init --network quadrante-alat --network-name "Quadrante AL&AT"
                  REGISTRO_PASSPHRASE=... registro init --db /srv/registro/registro.db
                  registro init --no-passphrase --db demo.db      # demonstrations only
                """)

        @OptionGroup var registry: OperatorOptions

        @Option(help: "Create this network at once (an id such as quadrante-alat).")
        var network: String?

        @Option(help: "The network's name.")
        var networkName: String?

        @Flag(help: "Store the root key raw, without a passphrase (demonstrations and tests only).")
        var noPassphrase = false

        func validate() throws {
            if networkName != nil && network == nil {
                throw ValidationError("--network-name needs --network")
            }
        }

        func run() throws {
            try reportingErrors {
                let protection: KeyringProtection = noPassphrase ? .none : .passphrase(try Passphrase.readNew())
                let created = try Registry.create(
                    at: registry.location, protection: protection,
                    network: network.map { Network(id: $0, name: networkName ?? $0) })
                WitnessAtExit.add(created)
                let location = created.location
                confirm(
                    "cli_done_init",
                    ["database": location.database, "keyring": location.keyring, "key": location.auditKey])
                if noPassphrase {
                    printError(worded("cli_warning_no_passphrase"))
                }
            }
        }
    }
}
