import Foundation
@testable import RegistroServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("the server's blocking work")
struct BlockingWorkTests {
    /// The niceness of the calling thread.
    static func niceness() -> Int32 {
        #if os(Linux)
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
            return 0
        #endif
    }

    #if os(Linux)
        /// The id of the calling thread, as `/proc/self/task/` names it.
        static func threadID() -> String {
            let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
            return String(link.split(separator: "/").last ?? "")
        }

        /// The ids of every thread of `count` that `run` runs calls on: each call waits (up to 30
        /// seconds) until all `count` have started, so that no thread takes two.
        static func threadIDs(
            _ count: Int, _ run: @escaping @Sendable (@escaping @Sendable () throws -> String) async throws -> String
        ) async throws -> Set<String> {
            let arrived = DispatchGroup()
            for _ in 0..<count { arrived.enter() }
            return try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        try await run {
                            arrived.leave()
                            _ = arrived.wait(timeout: .now() + 30)
                            return threadID()
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.insert($1) }
            }
        }

        @Test("a server fixture's call threads end once the fixture is released")
        func fixtureThreadsEnd() async throws {
            var fixture: ServerFixture? = try ServerFixture()
            let work = try #require(fixture?.work)
            let registry = try await Self.threadIDs(2) { call in try await work.registry(call) }
            let login = try await Self.threadIDs(2) { call in try await work.login(call) }
            let threads = registry.union(login)
            #expect(threads.count == 4 && !threads.contains(""))
            #expect(threads.allSatisfy { FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") })
            fixture = nil
            let deadline = ContinuousClock.now + .seconds(30)
            var running = threads
            while !running.isEmpty && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                running = running.filter { FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") }
            }
            #expect(running.isEmpty, "\(running.count) of the fixture's 4 call threads still run")
        }

        @Test("password hashing runs below the priority of registry calls, so a storm of logins leaves them a core")
        func loginsRunAtALowerPriorityThanRegistryCalls() async throws {
            let work = BlockingWork(registryThreads: 1, loginThreads: 1)
            let login = try await work.login { Self.niceness() }
            let registry = try await work.registry { Self.niceness() }
            await work.shutdown()
            #expect(login == BlockingWork.loginNiceness)
            #expect(registry < login)
        }
    #endif
}
