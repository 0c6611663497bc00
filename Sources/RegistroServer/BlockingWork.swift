import NIOPosix

/// Threads for the library's blocking calls, so that no database access or password hash runs
/// on an event loop: one pool for registry calls, one for logins (Argon2id), so that a storm of
/// logins cannot starve the others.
public final class BlockingWork: Sendable {
    /// Runs registry calls.
    let registryPool: NIOThreadPool
    /// Runs password hashing.
    let loginPool: NIOThreadPool

    /// Starts the pools.
    public init(registryThreads: Int = 4, loginThreads: Int = 2) {
        registryPool = NIOThreadPool(numberOfThreads: registryThreads)
        loginPool = NIOThreadPool(numberOfThreads: loginThreads)
        registryPool.start()
        loginPool.start()
    }

    /// Runs `body` on a registry thread.
    func registry<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await registryPool.runIfActive(body)
    }

    /// Runs `body` on a login thread.
    func login<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await loginPool.runIfActive(body)
    }

    /// Stops the pools once their work is done.
    public func shutdown() async throws {
        try await registryPool.shutdownGracefully()
        try await loginPool.shutdownGracefully()
    }
}
