import Foundation

/// Hands values from one producing thread to one consuming thread, holding at most `capacity`
/// at a time: a producer that gets ahead waits, so memory stays bounded however long the
/// stream. The producer ends the stream with `finish`, the consumer can stop it early with
/// `cancel`; either way, once `take` has returned the end or `cancel` has returned, the
/// producer has made its last call, and whatever it did before is visible to the consumer.
///
/// The consumer can hand a value it is done with back (`giveBack`), for the producer to reuse
/// or destroy on its own thread (`takeBack`): freeing what the producer allocated then costs
/// the consumer nothing.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    /// Values the consumer is done with, at most `capacity`, until the producer takes them back.
    private var spent: [Element] = []

    /// An empty queue holding at most `capacity` values.
    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Producer: appends `element`, first waiting while the queue is full. Returns `false`,
    /// dropping `element`, when the consumer has cancelled: the producer should then `finish`.
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Producer: ends the stream, with the error that stopped it if any. The producer's last
    /// call.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// Consumer: the next value, waiting for one; `nil` at the end of the stream.
    ///
    /// - Throws: The error the producer finished with, after every value put before it.
    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else {
            if let failure { throw failure }
            return nil
        }
        // At most `capacity` values: moving the rest down is cheap.
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// Consumer: hands back `element`, which it is done with, for the producer's `takeBack`.
    /// Once the producer has finished, or when `capacity` values wait already, the element is
    /// dropped here instead.
    func giveBack(_ element: consuming Element) {
        condition.lock()
        guard !finished && spent.count < capacity else {
            condition.unlock()
            return
        }
        spent.append(element)
        condition.unlock()
    }

    /// Producer: a value the consumer handed back (`giveBack`), if any, to reuse or destroy.
    func takeBack() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        return spent.popLast()
    }

    /// Consumer: stops the stream and waits for the producer's `finish`; values not yet taken
    /// are dropped.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        items.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
    }
}
