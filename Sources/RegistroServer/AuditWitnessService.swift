import Logging
import RegistroKit
import ServiceLifecycle

/// Appends a checkpoint of the audit log to its witness at least once a second while entries
/// are added, and once more when the server stops, so that whoever holds the database file
/// cannot rewrite what the server recorded without `audit verify` noticing.
struct AuditWitnessService: Service {
    /// The library calls.
    let calls: RegistryCalls
    /// Where a witness that cannot be written is reported.
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            await witness()
        }
        await witness()
    }

    /// Witnesses the log, reporting a failure without stopping the server.
    private func witness() async {
        do {
            try await calls.witnessAuditLog()
        } catch {
            logger.warning("the audit log was not witnessed; check that the witness file is writable")
        }
    }
}
