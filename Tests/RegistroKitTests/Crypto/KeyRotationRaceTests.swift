import Foundation
import GRDB
import Testing

@testable import RegistroKit

/// A key rotation racing the writes that wrap new people's data keys.
@Suite("key rotation racing writes")
struct KeyRotationRaceTests {
    /// Every wrapped data key, with the generation it is recorded under.
    static func wrappedKeys(_ registry: Registry) throws -> [(id: String, generation: Int, wrapped: [UInt8])] {
        try registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT beneficiary_id, kek_generation, wrapped_key FROM beneficiary_key")
                .map { ($0[0], $0[1], Array($0[2] as Data)) }
        }
    }

    /// Holds the writer connection until `release` is signalled, so that the writes submitted
    /// meanwhile wait, in order, and then run as one group.
    final class WriterHold: @unchecked Sendable {
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        init(_ database: RegistryDatabase) {
            let started = DispatchSemaphore(value: 0)
            Thread { [self] in
                _ = try? database.write { _ in
                    started.signal()
                    _ = release.wait(timeout: .now() + 30)
                }
                done.signal()
            }.start()
            _ = started.wait(timeout: .now() + 30)
        }
    }

    /// Waits until `condition` holds, for at most ten seconds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    @Test(
        "a person added by a write that fetched the keys before a rotation committed is wrapped under the new generation: the old key-encryption key opens nothing"
    )
    func aWriteQueuedBehindARotationWrapsUnderTheNewGeneration() throws {
        let fixture = try AuditFixture()
        let registry = fixture.registry
        let admin = try registry.session(as: "admin")
        let worker = try registry.session(as: "sw")
        let before = try worker.records.addBeneficiary(AuditFixture.person("Prima", "Persona"))
        let oldGeneration = try registry.keys().generation
        // The rotation and then the new person's write both fetch the keys (the old generation)
        // and queue behind the held writer; they then run in this order, in one group.
        let hold = WriterHold(registry.database)
        let rotated = DispatchSemaphore(value: 0)
        let added = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var rotation: Result<(generation: Int, rewrapped: Int), any Error>?
        nonisolated(unsafe) var addition: Result<String, any Error>?
        Thread {
            rotation = Result { try registry.rotateKeys(by: .user(admin)) }
            rotated.signal()
        }.start()
        #expect(Self.eventually { registry.database.waitingWrites == 1 })
        Thread {
            addition = Result { try worker.records.addBeneficiary(AuditFixture.person("Dopo", "Rotazione")) }
            added.signal()
        }.start()
        #expect(Self.eventually { registry.database.waitingWrites == 2 })
        hold.release.signal()
        #expect(hold.done.wait(timeout: .now() + 30) == .success)
        #expect(rotated.wait(timeout: .now() + 30) == .success)
        #expect(added.wait(timeout: .now() + 30) == .success)
        let newGeneration = try #require(try rotation?.get()).generation
        let after = try #require(try addition?.get())
        #expect(newGeneration == oldGeneration + 1)

        let keys = try registry.keys()
        let oldKey = keys.keyEncryptionKey(generation: oldGeneration)
        let stored = try Self.wrappedKeys(registry)
        #expect(Set(stored.map(\.id)) == [before, after])
        for key in stored {
            #expect(key.generation == newGeneration, "\(key.id == after ? "the new" : "the earlier") person")
            #expect(
                throws: (any Error).self,
                "the old key-encryption key opens nothing"
            ) {
                try DataKeyWrapping.unwrap(key.wrapped, beneficiary: key.id, kek: oldKey, generation: oldGeneration)
            }
            #expect(
                throws: Never.self,
                "the new one opens every key"
            ) {
                try registry.database.read { db in _ = try keys.dataKey(for: key.id, db) }
            }
        }
    }

    @Test("two rotations queued together make two generations, each key re-wrapped under the last")
    func twoRotationsQueuedTogether() throws {
        let fixture = try AuditFixture()
        let registry = fixture.registry
        let admin = try registry.session(as: "admin")
        let person = try registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        let start = try registry.keys().generation
        let hold = WriterHold(registry.database)
        let group = DispatchGroup()
        let results = NSLock()
        nonisolated(unsafe) var generations: [Int] = []
        for waiting in 1...2 {
            group.enter()
            Thread {
                if let rotation = try? registry.rotateKeys(by: .user(admin)) {
                    results.withLock { generations.append(rotation.generation) }
                }
                group.leave()
            }.start()
            #expect(Self.eventually { registry.database.waitingWrites == waiting })
        }
        hold.release.signal()
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(generations.sorted() == [start + 1, start + 2])
        #expect(try Self.wrappedKeys(registry).map(\.generation) == [start + 2])
        #expect(try registry.keys().generation == start + 2)
        #expect(try Self.wrappedKeys(registry).map(\.id) == [person])
    }
}
