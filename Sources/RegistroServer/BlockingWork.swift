import HTTPTypes
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Threads for the library's blocking calls, so that no database access or password hash runs
/// on an event loop: one pool for registry calls, one for logins (Argon2id), so that a storm of
/// logins cannot starve the others.
///
/// A call that outlasts the time limit is answered 503 (within a second of the limit); its
/// thread finishes the work (a write then commits or rolls back whole, as always).
public final class BlockingWork: Sendable {
    /// Runs registry calls.
    let registryThreads: CallThreads
    /// Runs password hashing.
    let loginThreads: CallThreads
    /// The longest a call may take before its request is answered 503.
    let timeLimit: TimeAmount
    /// The calls running, answered 503 once past the time limit.
    private let deadlines: CallDeadlines

    /// How many registry threads a server runs by default. A registry call spends most of its
    /// time waiting for its write's commit (`fdatasync`, milliseconds on a disk), which the
    /// writes waiting together share (group commit): a thread is held meanwhile, so the threads
    /// bound how many calls share a commit. With 4, a server answered about 2,000 case reads a
    /// second whatever their cost; the reads' own work needs no more than the cores.
    public static let defaultRegistryThreads = 32

    /// Starts the pools.
    public init(
        registryThreads: Int = defaultRegistryThreads, loginThreads: Int = 2, timeLimit: Duration = .seconds(60)
    ) {
        self.registryThreads = CallThreads(count: registryThreads, name: "registry")
        self.loginThreads = CallThreads(count: loginThreads, name: "login")
        let (seconds, attoseconds) = timeLimit.components
        self.timeLimit = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        deadlines = CallDeadlines(timeLimit: self.timeLimit)
    }

    /// Runs `body` on a registry thread.
    func registry<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await run(body, on: registryThreads)
    }

    /// Runs `body` on a login thread, at a lower scheduling priority than the rest of the
    /// server: a password hash takes tens of milliseconds of a core, and in a storm of logins
    /// the event loops and registry threads must still get a core as soon as they have work.
    /// Logins then wait a little longer, which the login limits tolerate.
    func login<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await run(
            {
                Self.lowerThisThreadsPriority()
                return try body()
            }, on: loginThreads)
    }

    /// The niceness of the login threads: the lowest priority but one (19 is the lowest).
    static let loginNiceness: Int32 = 15

    /// Lowers the calling thread's priority to `loginNiceness`: on Linux the niceness belongs to
    /// each thread, and `PRIO_PROCESS` with id 0 names the calling thread only. Elsewhere, or
    /// when refused, the thread keeps its priority.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
            if getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < loginNiceness {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, loginNiceness)
            }
        #endif
    }

    /// Runs `body` on `pool`, or throws 503 when it outlasts the time limit. The thread that ran
    /// `body` resumes the caller itself: no event loop is woken on the way.
    private func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T, on threads: CallThreads) async throws -> T
    {
        let deadline = NIODeadline.now() + timeLimit
        return try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<T, any Error>) in
            let id = deadlines.add(deadline: deadline) { continuation.resume(throwing: Self.timeout) }
            let submitted = threads.submit { [deadlines] in
                let result = Result(catching: body)
                guard deadlines.remove(id) else { return }
                continuation.resume(with: NIODeadline.now() > deadline ? .failure(Self.timeout) : result)
            }
            if !submitted, deadlines.remove(id) { continuation.resume(throwing: Self.stopping) }
        }
    }

    /// The answer to a call made while the server stops.
    private static let stopping = ServerError(
        .serviceUnavailable, "stopping", "the server is stopping; try again once it is back")

    /// The answer to a call that outlasted the time limit.
    private static let timeout = ServerError(
        .serviceUnavailable, "timeout", "the request took too long; try again later or send less")

    /// Stops the threads once the calls given to them are done, without waiting for them to
    /// end: for an owner that cannot wait, such as a `deinit`.
    public func stop() {
        registryThreads.stop()
        loginThreads.stop()
    }

    /// Stops the threads once the calls given to them are done; returns when they have ended.
    public func shutdown() async {
        await registryThreads.shutdown()
        await loginThreads.shutdown()
    }
}
