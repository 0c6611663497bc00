import RegistroKit

/// The registries a command opened, whose audit log is witnessed when it ends: one signed
/// checkpoint of the log's head appended to the witness when the command wrote the log,
/// whether it succeeded or failed (a denial is recorded too).
enum WitnessAtExit {
    nonisolated(unsafe) private static var registries: [Registry] = []

    /// Witnesses `registry` when the command ends.
    static func add(_ registry: Registry) {
        registries.append(registry)
    }

    /// Appends a checkpoint to each registry's witness where the log grew; a witness that
    /// cannot be written is reported on standard error, as a warning, without changing the
    /// command's exit status (its change is already stored).
    static func witnessAll() {
        for registry in registries {
            do {
                try registry.witnessAuditLog()
            } catch let error as RegistroError {
                printError(worded("cli_not_witnessed", ["reason": error.commandLineMessage]))
            } catch {
                printError(worded("cli_not_witnessed", ["reason": String(describing: error)]))
            }
        }
        registries.removeAll()
    }
}
