import Foundation
import GRDB

/// The writer connection's queue of writes: writes that arrive while a transaction commits are
/// run together in the next one (`WriteGroup`), so that a commit's `fdatasync` serves many
/// callers, and each caller is answered once that commit is durable.
///
/// There is no thread of its own: the first caller to find no group running leads, running the
/// writes waiting at that moment (its own among them, or before it) on its thread, then answers
/// them all; when writes are still waiting, it hands the lead to the caller of the first one.
/// A write that runs alone (a dry run, the caller's foreign-key checks) forms a group by itself.
///
/// Each waiting caller is woken once: when its write is answered, or when it is its turn to
/// lead. (Waking every waiting caller at each commit, to see whose write it was, cost a server
/// more in the kernel than its reads' own work.)
final class GroupCommit: @unchecked Sendable {
    /// The most bodies in one transaction, so that the last of a group waits for a bounded
    /// number before it.
    static let maximumGroupSize = 64

    /// The one connection that writes, with `synchronous = FULL`: a commit returns once the
    /// write-ahead log is on disk.
    let writer: DatabaseQueue
    private let lock = NSLock()
    /// The writes not yet taken into a group, in arrival order.
    private var waiting: [PendingWrite] = []
    /// Whether a caller is running a group, or has been told to lead the next one.
    private var leading = false
    /// The thread of the caller running groups, while it does: the thread the bodies run on.
    private var leader: pthread_t?

    /// A queue of writes to `writer`.
    init(writer: DatabaseQueue) {
        self.writer = writer
    }

    /// How many writes wait for a group, not counting those of the group running.
    var waitingCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return waiting.count
    }

    /// Queues `write` and returns once it is answered: committed, or failed with
    /// `write.failure` set.
    ///
    /// A body must not itself call `submit` (a write inside a write): its caller would wait for
    /// the group it runs in. Such a write is answered at once with an internal error saying so
    /// (a programming error), rather than never.
    func submit(_ write: PendingWrite) {
        lock.lock()
        if let leader, pthread_equal(leader, pthread_self()) != 0 {
            lock.unlock()
            write.failure = Self.writeInsideAWrite
            write.dropBody()
            write.isAnswered = true
            return
        }
        waiting.append(write)
        if leading {
            lock.unlock()
            write.waitForTurn()
            if write.isAnswered { return }
            // Told to lead: `leading` stays set for this caller.
            lock.lock()
        } else {
            leading = true
        }
        lead(until: write)
    }

    /// Runs groups from the front of the queue until one holds `own`, answers each group's
    /// callers, then hands the lead to the first write still waiting. Called with the lock
    /// held; returns with it released.
    private func lead(until own: PendingWrite) {
        leader = pthread_self()
        while true {
            let group = takeGroup()
            lock.unlock()
            run(group)
            for member in group { member.dropBody() }
            let ownIsDone = group.contains { $0 === own }
            var next: PendingWrite?
            lock.lock()
            if ownIsDone {
                next = waiting.first
                leading = next != nil
                leader = nil
            }
            lock.unlock()
            for member in group where member !== own { member.answer() }
            if ownIsDone {
                own.isAnswered = true
                next?.wakeToLead()
                return
            }
            lock.lock()
        }
    }

    /// The answer to a write started by a body of a write group, on the thread running it.
    static let writeInsideAWrite = RegistroError.internal(
        "programming error: a registry write was started inside another write's body, where it would wait for "
            + "itself for ever; read and write through the connection the body is given")

    /// The writes at the front of the queue that run together: one that runs alone, or up to
    /// `maximumGroupSize` that do not.
    private func takeGroup() -> [PendingWrite] {
        var count = 1
        if !waiting[0].runsAlone {
            while count < min(waiting.count, Self.maximumGroupSize) && !waiting[count].runsAlone { count += 1 }
        }
        let group = Array(waiting[..<count])
        waiting.removeFirst(count)
        return group
    }

    /// Runs `group` on the writer connection.
    private func run(_ group: [PendingWrite]) {
        writer.writeWithoutTransaction { db in WriteGroup.run(group, db) }
    }
}
