import Foundation
import GRDB

/// The writer connection's queue of writes: writes that arrive while a transaction commits are
/// run together in the next one (`WriteGroup`), so that a commit's `fdatasync` serves many
/// callers, and each caller is answered once that commit is durable.
///
/// There is no thread of its own: the first caller to find no group running leads, running the
/// writes waiting at that moment (its own among them, or before it) on its thread, then answers
/// them all; a caller whose write is still waiting then leads the next group. A write that runs
/// alone (a dry run, the caller's foreign-key checks) forms a group by itself.
final class GroupCommit: @unchecked Sendable {
    /// The most bodies in one transaction, so that the last of a group waits for a bounded
    /// number before it.
    static let maximumGroupSize = 64

    /// The one connection that writes, with `synchronous = FULL`: a commit returns once the
    /// write-ahead log is on disk.
    let writer: DatabaseQueue
    private let condition = NSCondition()
    /// The writes not yet taken into a group, in arrival order.
    private var waiting: [PendingWrite] = []
    /// Whether a caller is running a group.
    private var leading = false
    /// The thread of the caller running a group, while `leading`: the thread the bodies run on.
    private var leader: pthread_t?

    /// A queue of writes to `writer`.
    init(writer: DatabaseQueue) {
        self.writer = writer
    }

    /// How many writes wait for a group, not counting those of the group running.
    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// Queues `write` and returns once it is answered: committed, or failed with
    /// `write.failure` set.
    ///
    /// A body must not itself call `submit` (a write inside a write): its caller would wait for
    /// the group it runs in. Such a write is answered at once with an internal error saying so
    /// (a programming error), rather than never.
    func submit(_ write: PendingWrite) {
        condition.lock()
        defer { condition.unlock() }
        if leading, let leader, pthread_equal(leader, pthread_self()) != 0 {
            write.failure = Self.writeInsideAWrite
            write.dropBody()
            write.isAnswered = true
            return
        }
        waiting.append(write)
        while !write.isAnswered {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            leader = pthread_self()
            let group = takeGroup()
            condition.unlock()
            run(group)
            condition.lock()
            for member in group {
                member.dropBody()
                member.isAnswered = true
            }
            leading = false
            leader = nil
            condition.broadcast()
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

    /// Runs `group` on the writer connection; each write's failure is its own (`WriteGroup`).
    private func run(_ group: [PendingWrite]) {
        writer.writeWithoutTransaction { db in WriteGroup.run(group, db) }
    }
}
