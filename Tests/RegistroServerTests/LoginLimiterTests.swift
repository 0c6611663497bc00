import Foundation
import Testing

@testable import RegistroServer

@Suite("the cap on concurrent logins per address")
struct LoginLimiterTests {
    @Test("a login beyond the cap from one address gets 429 while another address goes through")
    func capPerAddress() async throws {
        let limiter = LoginLimiter(limit: 1)
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await limiter.run(from: "10.0.0.1") {
                enteredSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        await #expect(throws: ServerError.self) {
            try await limiter.run(from: "10.0.0.1") {}
        }
        try await limiter.run(from: "10.0.0.2") {}
        releaseSignal.yield()
        try await first.value
        try await limiter.run(from: "10.0.0.1") {}
    }
}
