import Foundation

/// A clock tests move by hand, read by the accounts under test in place of the system's.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    /// A clock standing at `start`.
    public init(at start: Date = Date()) {
        date = start
    }

    /// The current time.
    public var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return date
    }

    /// Moves the clock forward by `seconds`.
    public func advance(_ seconds: TimeInterval) {
        lock.lock()
        date += seconds
        lock.unlock()
    }
}
