import ArgumentParser
import Foundation
import RegistroKit

/// The options that say where the registry's files are, shared by every registry command.
struct RegistryFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry database (env REGISTRO_DB).", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The keyring file (env REGISTRO_KEYRING; default: the database path with .keyring appended).",
            valueName: "path"))
    var keyring: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The audit log's witness, best on another disk or machine "
                + "(env REGISTRO_WITNESS; default: the database path with .witness appended).",
            valueName: "path"))
    var witness: String?

    /// The registry's files, from the options, then the environment, then the defaults.
    var location: RegistryLocation {
        let environment = ProcessInfo.processInfo.environment
        return RegistryLocation(
            database: db ?? environment["REGISTRO_DB"] ?? "registro.db",
            keyring: keyring ?? environment["REGISTRO_KEYRING"], witness: chosenWitness)
    }

    /// The witness named by `--witness` or `REGISTRO_WITNESS`, `nil` for the default.
    var chosenWitness: String? {
        witness ?? ProcessInfo.processInfo.environment["REGISTRO_WITNESS"]
    }

    /// Opens the registry; its keyring's passphrase comes from `REGISTRO_PASSPHRASE` or a
    /// prompt, when a key is first needed.
    /// The registry is witnessed when the command ends (`WitnessAtExit`).
    func open(allowingClearSpecialCodes: Bool = false) throws -> Registry {
        let registry = try Registry.open(
            at: location, passphrase: { try Passphrase.read(prompt: worded("cli_passphrase_prompt")) },
            allowingClearSpecialCodes: allowingClearSpecialCodes)
        WitnessAtExit.add(registry)
        return registry
    }
}

/// The options of the commands that act for no user: the registry operator's (`init`, `demo`,
/// the lists of set-up and codes, `user password`, `user totp`) and `serve`, whose users log in.
/// They take the registry's files; `--as` is not offered, and given all the same it is refused
/// with one sentence (exit 64) rather than ignored. `REGISTRO_USER` is not read.
struct OperatorOptions: ParsableArguments {
    @OptionGroup var files: RegistryFileOptions

    @Option(name: .customLong("as"), help: .private)
    var actor: String?

    func validate() throws {
        if actor != nil {
            throw ValidationError(worded("cli_operator_no_as"))
        }
    }

    /// The registry's files.
    var location: RegistryLocation { files.location }

    /// Opens the registry, as `RegistryFileOptions.open` does.
    func open(allowingClearSpecialCodes: Bool = false) throws -> Registry {
        try files.open(allowingClearSpecialCodes: allowingClearSpecialCodes)
    }
}

/// The options of the commands that act on behalf of a user: where the registry is, and who
/// acts (`--as`).
struct RegistryOptions: ParsableArguments {
    @OptionGroup var files: RegistryFileOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("The user acting (env REGISTRO_USER).", valueName: "user"))
    var actor: String?

    /// The acting user, from `--as` or `REGISTRO_USER`.
    var user: String? {
        actor ?? ProcessInfo.processInfo.environment["REGISTRO_USER"]
    }

    /// Opens the registry, as `RegistryFileOptions.open` does.
    func open(allowingClearSpecialCodes: Bool = false) throws -> Registry {
        try files.open(allowingClearSpecialCodes: allowingClearSpecialCodes)
    }

    /// Opens the registry and a session for the user named by `--as` or `REGISTRO_USER`.
    ///
    /// - Throws: `RegistroError` (usage) when no user is named.
    func session() throws -> Session {
        guard let user, !user.isEmpty else {
            throw RegistroError.usage(worded("cli_no_user"))
        }
        return try open().session(as: user)
    }

    /// Opens the registry and its audit log, consulted by `agent(in:)`.
    func audit() throws -> AuditService {
        let registry = try open()
        return registry.audit(by: try agent(in: registry))
    }

    /// Opens the registry and its set-up, changed by `agent(in:)`.
    func organisations() throws -> OrganisationService {
        let registry = try open()
        return registry.organisations(by: try agent(in: registry))
    }

    /// Who acts on a registry-level command: the user named by `--as` or `REGISTRO_USER`,
    /// else the registry's operator.
    func agent(in registry: Registry) throws -> Agent {
        guard let user, !user.isEmpty else { return .registryOperator }
        return .user(try registry.session(as: user))
    }
}
