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
