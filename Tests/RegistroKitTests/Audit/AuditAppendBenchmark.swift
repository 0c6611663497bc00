import Foundation
@testable import RegistroKit
import Testing

/// How much an audit entry costs to append, on a log already holding many entries: run with
/// `REGISTRO_BENCH=1 swift test -c release --filter AuditAppendBenchmark` (Docs/PERFORMANCE.md).
/// Skipped otherwise: timings mean nothing in a debug build or on a busy machine.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["REGISTRO_BENCH"] != nil))
struct AuditAppendBenchmark {
    @Test func appendingStaysCheapAsTheLogGrows() throws {
        let fixture = try AuditFixture()
        let event = AuditEvent(
            actor: "sw", org: "alfa", action: .read, resource: .beneficiary("B0000000001"), subject: "B0000000001",
            category: .services, purpose: "presa_in_carico_condivisa", decision: .allow, policies: ["policy3"],
            consents: ["12"])
        func appendInOneTransaction(_ count: Int) throws -> Double {
            let start = ContinuousClock.now
            try fixture.registry.database.write { db in
                for _ in 0..<count { try AuditLog.append(event, in: db) }
            }
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let first = try appendInOneTransaction(100_000)
        let second = try appendInOneTransaction(100_000)
        var single = ContinuousClock.Duration.zero
        for _ in 0..<200 {
            let start = ContinuousClock.now
            try fixture.registry.appendAuditEntry(event)
            single += ContinuousClock.now - start
        }
        let perTransaction =
            Double(single.components.attoseconds) / 1e18 / 200 + Double(single.components.seconds) / 200
        print(
            """
            audit append: \(Int(100_000 / first)) entries/s on an empty log, \(Int(100_000 / second)) entries/s \
            after 100,000; one entry in its own transaction: \(String(format: "%.3f", perTransaction * 1000)) ms
            """)
        #expect(second < first * 2, "appending slows down as the log grows")
    }
}
