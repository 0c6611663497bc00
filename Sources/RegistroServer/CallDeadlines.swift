import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The calls running on `BlockingWork`'s threads, each answered exactly once: by its thread when
/// it ends, or with 503 by a watch that looks for calls past their deadline a few times per time
/// limit (at most once a second), and only while calls are running. Whichever removes a call
/// from the list answers it.
///
/// Answering a call from its own thread, rather than through a timer and a promise on an event
/// loop, spares every call two wake-ups of an event loop.
final class CallDeadlines: Sendable {
    /// A call being run: when it must be answered, and how to answer it 503.
    private struct Running {
        let deadline: NIODeadline
        let expire: @Sendable () -> Void
    }

    private struct State {
        var running: [UInt64: Running] = [:]
        var nextID: UInt64 = 0
        /// Whether the watch is scheduled.
        var watching = false
    }

    private let state = NIOLockedValueBox(State())
    /// How often the watch looks while calls run.
    let interval: TimeAmount

    /// Deadlines for calls of at most `timeLimit`.
    init(timeLimit: TimeAmount) {
        interval = min(.seconds(1), max(.milliseconds(10), .nanoseconds(timeLimit.nanoseconds / 10)))
    }

    /// Adds a call that `expire` answers 503 if it is still running at `deadline`; returns its
    /// number, for `remove`.
    func add(deadline: NIODeadline, expire: @escaping @Sendable () -> Void) -> UInt64 {
        let (id, startWatch) = state.withLockedValue { state -> (UInt64, Bool) in
            let id = state.nextID
            state.nextID &+= 1
            state.running[id] = Running(deadline: deadline, expire: expire)
            let startWatch = !state.watching
            state.watching = true
            return (id, startWatch)
        }
        if startWatch { scheduleWatch() }
        return id
    }

    /// Removes call `id`; returns whether it was still running, in which case the caller answers it.
    func remove(_ id: UInt64) -> Bool {
        state.withLockedValue { $0.running.removeValue(forKey: id) != nil }
    }

    private func scheduleWatch() {
        MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: interval) { self.watch() }
    }

    /// Answers 503 the calls past their deadline, and looks again later while calls run.
    private func watch() {
        let now = NIODeadline.now()
        let (expired, again) = state.withLockedValue { state -> ([Running], Bool) in
            let late = state.running.filter { $0.value.deadline <= now }
            for id in late.keys { state.running[id] = nil }
            state.watching = !state.running.isEmpty
            return (Array(late.values), state.watching)
        }
        for call in expired { call.expire() }
        if again { scheduleWatch() }
    }
}
