import Foundation
@testable import RegistroKit
import Testing

/// The queue between an import's reading thread and its recording thread.
@Suite("bounded queue between two threads")
struct BoundedQueueTests {
    struct Stop: Error {}

    @Test("every value arrives once and in order, then the producer's error")
    func valuesArriveInOrderThenTheError() throws {
        let queue = BoundedQueue<Int>(capacity: 3)
        let producer = Thread {
            for value in 0..<1_000 { _ = queue.put(value) }
            queue.finish(throwing: Stop())
        }
        producer.start()
        var received: [Int] = []
        #expect(throws: Stop.self) {
            while let value = try queue.take() { received.append(value) }
        }
        #expect(received == Array(0..<1_000))
    }

    @Test("values given back reach the producer, at most capacity of them, and none once it has finished")
    func valuesGivenBackReachTheProducerUntilItFinishes() throws {
        let queue = BoundedQueue<[Int]>(capacity: 2)
        #expect(queue.put([1]))
        let taken = try #require(try queue.take())
        queue.giveBack(taken)
        queue.giveBack([2])
        queue.giveBack([3])
        #expect(queue.takeBack() == [2])
        #expect(queue.takeBack() == [1])
        #expect(queue.takeBack() == nil)
        queue.finish()
        queue.giveBack([4])
        #expect(queue.takeBack() == nil)
    }

    @Test("a consumer that cancels wakes a producer waiting on a full queue, and waits for it to finish")
    func cancelUnblocksTheProducer() {
        let queue = BoundedQueue<Int>(capacity: 2)
        let refused = Counter()
        let producer = Thread {
            var value = 0
            while queue.put(value) { value += 1 }
            refused.add()
            queue.finish()
        }
        producer.start()
        #expect((try? queue.take()) == 0)
        queue.cancel()
        #expect(refused.value == 1)
    }

    /// A count shared by two threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        /// Adds one.
        func add() { lock.withLock { count += 1 } }
        /// The count.
        var value: Int { lock.withLock { count } }
    }
}
