import Dispatch
import GRDB

/// One caller's write transaction body, waiting for the writer connection, and then its
/// outcome: the caller waits until it is answered.
///
/// The body borrows the caller's closure (see `RegistryDatabase.write`): it is dropped as soon
/// as it has run, and never kept once the caller is answered.
final class PendingWrite: @unchecked Sendable {
    /// Whether the body runs in a transaction of its own rather than in a group's: a dry run,
    /// rolled back at the end, or a write whose foreign keys the caller checks, for which
    /// SQLite's checks are off.
    let runsAlone: Bool
    /// Whether the transaction commits when the body returns.
    let commit: Bool
    /// Who checks the foreign keys of the body's writes.
    let foreignKeys: RegistryDatabase.ForeignKeyChecks
    /// The body; `nil` once it has run or its group failed before it could.
    private var body: ((Database) throws -> Void)?
    /// What the caller receives: `nil` when its changes are committed (or, for a dry run, its
    /// body returned), else the error that undid them.
    var failure: (any Error)?
    /// Whether the caller may go on: the outcome is final. Written before the caller is woken
    /// (`answer`), read by the caller once woken or by the leader that ran it.
    var isAnswered = false
    /// Wakes the caller once: its write is answered, or it is its turn to lead.
    private let turn = DispatchSemaphore(value: 0)

    /// A write of `body`, committed when it returns if `commit`.
    init(
        commit: Bool, foreignKeys: RegistryDatabase.ForeignKeyChecks, body: @escaping (Database) throws -> Void
    ) {
        runsAlone = !commit || foreignKeys == .caller
        self.commit = commit
        self.foreignKeys = foreignKeys
        self.body = body
    }

    /// Runs the body on `db`, once.
    func run(_ db: Database) throws {
        guard let body else { return }
        self.body = nil
        try body(db)
    }

    /// Waits until `answer` or `wakeToLead` is called (or was, before).
    func waitForTurn() {
        turn.wait()
    }

    /// Marks the write answered and wakes its caller.
    func answer() {
        isAnswered = true
        turn.signal()
    }

    /// Wakes the caller, whose write is not answered, to lead the next group.
    func wakeToLead() {
        turn.signal()
    }

    /// Drops the body if it has not run, so that the caller's closure is free once answered.
    func dropBody() {
        body = nil
    }
}
