import Dispatch
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// A fixed set of threads that run blocking calls, each call handed straight to an idle thread,
/// the one idle the shortest time (its stack and caches are still warm), or queued when all are
/// busy.
///
/// Each call wakes one thread at most, after the lock is released, and a thread that finishes
/// takes the next queued call without sleeping. (NIO's thread pool wakes its threads through
/// one condition variable under its own lock: with a server's 32 registry threads they queued
/// on that lock about once per case read, a futex call more each time.)
final class CallThreads: @unchecked Sendable {
    /// A thread of the set, and the call it is given while asleep.
    private final class Worker: @unchecked Sendable {
        let wake = DispatchSemaphore(value: 0)
        /// The call handed to the sleeping worker; `nil` when it is woken to stop.
        var call: (@Sendable () -> Void)?
    }

    private let lock = NIOLock()
    /// Calls waiting for a thread, in arrival order.
    private var queued = CircularBuffer<@Sendable () -> Void>()
    /// The workers asleep, the last to fall asleep at the end.
    private var idle: [Worker] = []
    private var stopping = false
    /// Left by each thread as it ends.
    private let ended = DispatchGroup()

    /// Starts `count` threads, named `name` and their number.
    init(count: Int, name: String) {
        for number in 0..<count {
            let worker = Worker()
            ended.enter()
            let thread = Thread { [self] in
                serve(as: worker)
                ended.leave()
            }
            thread.name = "\(name) \(number)"
            thread.start()
        }
    }

    /// Runs `call` on one of the threads; returns false, without running it, once the threads
    /// are stopping.
    func submit(_ call: @escaping @Sendable () -> Void) -> Bool {
        lock.lock()
        guard !stopping else {
            lock.unlock()
            return false
        }
        if let worker = idle.popLast() {
            worker.call = call
            lock.unlock()
            worker.wake.signal()
        } else {
            queued.append(call)
            lock.unlock()
        }
        return true
    }

    /// Stops the threads once the calls queued are run, without waiting for them to end.
    func stop() {
        lock.lock()
        stopping = true
        let sleeping = idle
        idle = []
        lock.unlock()
        for worker in sleeping { worker.wake.signal() }
    }

    /// Stops the threads once the calls queued are run; returns when every thread has ended.
    func shutdown() async {
        stop()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            ended.notify(queue: .global()) { done.resume() }
        }
    }

    /// A thread's life: the queued calls, else sleep until handed one, until stopped.
    private func serve(as worker: Worker) {
        while true {
            lock.lock()
            if let call = queued.popFirst() {
                lock.unlock()
                call()
                continue
            }
            if stopping {
                lock.unlock()
                return
            }
            idle.append(worker)
            lock.unlock()
            worker.wake.wait()
            guard let call = worker.call else { return }
            worker.call = nil
            call()
        }
    }
}
