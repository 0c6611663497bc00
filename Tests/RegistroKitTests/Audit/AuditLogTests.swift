import Foundation
@testable import RegistroKit
import Testing

/// What the registry's operations append to the log, and what they never append.
@Suite struct AuditLogTests {
    @Test func creatingTheRegistryAndItsOrganisationsAndUsersIsRecorded() throws {
        let fixture = try AuditFixture()
        let entries = try fixture.entries()
        #expect(
            entries.map(\.action) == ["init", "add_network", "add_organisation", "add_user", "add_user", "add_user"])
        #expect(
            entries.map(\.resource) == [
                "registry", "network:rete", "organisation:alfa", "user:admin", "user:sw", "user:dpo",
            ])
        #expect(entries.map(\.actor) == [nil, nil, nil, nil, "admin", "admin"])
        #expect(entries.allSatisfy { $0.decision == "allow" && $0.policySet == PolicySetDigest.embeddedDefaults })
    }

    @Test func aChangeThatFailsLeavesNoEntry() throws {
        let fixture = try AuditFixture()
        let before = try fixture.entries()
        #expect(throws: RegistroError.self) {
            try fixture.registry.organisations().addOrganisation(Organisation(id: "alfa", name: "Doppione", kind: .ets))
        }
        #expect(try fixture.entries() == before)
    }

    @Test func aDeniedChangeIsRecordedThoughNothingChanged() throws {
        let fixture = try AuditFixture()
        #expect(
            throws: RegistroError.denied(
                "networks and organisations are set up by the registry's operator, not by a user; `sw` may not")
        ) {
            try fixture.registry.session(as: "sw").organisations.addOrganisation(
                Organisation(id: "beta", name: "Beta", kind: .ets))
        }
        #expect(try fixture.registry.organisations().organisations().map(\.id) == ["alfa"])
        let last = try #require(try fixture.entries().last)
        #expect(
            last.action == "add_organisation" && last.decision == "deny" && last.actor == "sw" && last.org == "alfa")
        #expect(last.resource == "organisation:beta")
        #expect(last.detail == "only the registry's operator changes networks and organisations")
        #expect(try fixture.verify().isValid)
    }

    @Test func recordingAndLookingUpNameThePersonByPseudonymousIDOnly() throws {
        let fixture = try AuditFixture()
        var fields = AuditFixture.person()
        let code = AuditFixture.codiceFiscale
        fields.codiceFiscale = code
        let id = try fixture.registry.session(as: "sw").records.addBeneficiary(fields)
        #expect(try fixture.registry.session(as: "sw").records.findBeneficiary(codiceFiscale: code) == id)
        #expect(throws: RegistroError.self) {
            try fixture.registry.session(as: "dpo").records.findBeneficiary(codiceFiscale: code)
        }
        let entries = try fixture.entries().suffix(3)
        #expect(entries.map(\.action) == ["record", "lookup", "lookup"])
        #expect(entries.map(\.decision) == ["allow", "allow", "deny"])
        #expect(
            entries.allSatisfy { $0.subject == id && $0.resource == "beneficiary:\(id)" && $0.category == "identity" })
        let everything = try fixture.entries().map { String(describing: $0) }.joined(separator: "|")
        for value in ["Ermenegilda", "Zappalorto", code] {
            #expect(!everything.localizedCaseInsensitiveContains(value))
        }
    }

    @Test func aLookupThatFindsNobodyIsRecordedWithoutSubject() throws {
        let fixture = try AuditFixture()
        #expect(
            try fixture.registry.session(as: "sw").records.findBeneficiary(codiceFiscale: AuditFixture.codiceFiscale)
                == nil)
        let last = try #require(try fixture.entries().last)
        #expect(last.action == "lookup" && last.subject == nil && last.detail == "nobody found")
    }

    @Test func aDeliveryIsRecordedWithItsPersonAndTheServicesCategory() throws {
        let fixture = try AuditFixture()
        let id = try fixture.registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        var delivery = DeliveryFields()
        delivery.serviceCode = "RT.LAV01"
        delivery.date = "2026-10-05"
        delivery.notes = "colloquio riservato"
        let deliveryID = try fixture.registry.session(as: "sw").records.addDelivery(beneficiary: id, delivery)
        let last = try #require(try fixture.entries().last)
        #expect(last.resource == "delivery:\(deliveryID)" && last.subject == id && last.category == "services")
        #expect(throws: RegistroError.self) {
            try fixture.registry.session(as: "dpo").records.addDelivery(beneficiary: id, delivery)
        }
        let denial = try #require(try fixture.entries().last)
        #expect(denial.decision == "deny" && denial.subject == id && denial.action == "record")
    }

    @Test func anImportIsOneEntryAndADryRunIsRecordedToo() throws {
        let fixture = try AuditFixture()
        let csv = """
            given_name,family_name,sex,service_code,date
            Ada,Uno,F,RT.LAV01,2026-10-01
            Bruno,Due,M,RT.LAV01,2026-10-02
            Carla,Tre,F,RT.LAV01,2026-10-03
            """
        let source = ImportSource.bytes(Array(csv.utf8), name: "Ada-Uno.csv")
        let dry = try fixture.registry.session(as: "sw").imports.importDeliveries(
            from: source, dryRun: true, report: { _ in })
        let summary = try fixture.registry.session(as: "sw").imports.importDeliveries(from: source, report: { _ in })
        let imports = try fixture.entries().filter { $0.action == "import" }
        #expect(imports.count == 2)
        #expect(imports.map(\.rowCount) == [3, 3])
        #expect(imports.map(\.detail) == ["dry run: new people: 3, rows matched: 0", "new people: 3, rows matched: 0"])
        #expect(imports.map(\.resource) == [nil, "import:1"])
        #expect(imports.allSatisfy { $0.fileDigest.map { Hex.encode($0) } == summary.fileDigest })
        #expect(dry.fileDigest == summary.fileDigest)
    }

    @Test func anEventHoldingFreeTextIsRefusedAndNothingIsAppended() throws {
        let fixture = try AuditFixture()
        let before = try fixture.entries()
        for event in [
            AuditEvent(action: .read, subject: "Ermenegilda Zappalorto", decision: .allow),
            AuditEvent(action: .read, purpose: "per la signora", decision: .allow),
            AuditEvent(action: .read, decision: .allow, consents: ["1,2"]),
            AuditEvent(action: .import, decision: .allow, fileDigest: [1, 2, 3]),
        ] {
            #expect(throws: RegistroError.self) {
                try fixture.registry.database.write { db in try AuditLog.append(event, in: db) }
            }
        }
        #expect(try fixture.entries() == before)
    }

    @Test func entriesAppendedTogetherAreStoredInOrderAndChainedAcrossInserts() throws {
        let fixture = try AuditFixture()
        let before = try fixture.entries()
        // More entries than one insert stores, with lists of none, one and several items.
        let count = AuditEntryRecord.rowsPerInsert * 2 + 1
        let events = (0..<count).map { index in
            AuditEvent(
                actor: "sw", org: "alfa", action: .read, resource: .beneficiary("B\(index)"), subject: "B\(index)",
                category: CaseCategory.allCases[index % CaseCategory.allCases.count], purpose: "invio",
                decision: index.isMultiple(of: 2) ? .allow : .deny,
                policies: Array(["policy0", "policy4"].prefix(index % 3)), consents: index == 4 ? ["C1", "C2"] : [],
                detail: index == 1 ? "own organisation's records" : nil)
        }
        let appended = try fixture.registry.database.write { db in try AuditLog.append(contentsOf: events, in: db) }
        let stored = try fixture.entries()
        #expect(stored.count == before.count + count)
        #expect(Array(stored.suffix(count)) == appended)
        #expect(appended.map(\.subject) == events.map(\.subject))
        #expect(appended.map(\.policies) == events.map(\.policies))
        #expect(appended.map(\.consents) == events.map(\.consents))
        #expect(appended.map(\.seq) == Array((before.last!.seq + 1)...(before.last!.seq + Int64(count))))
        #expect(try fixture.verify().failure == nil)
    }

    @Test func theTriggersRefuseUpdatesAndDeletes() throws {
        let fixture = try AuditFixture()
        _ = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        for sql in [
            "UPDATE audit_entry SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_entry WHERE seq = 6",
            "UPDATE audit_checkpoint SET seq = 1", "DELETE FROM audit_checkpoint",
        ] {
            #expect(throws: (any Error).self) { try fixture.execute(sql) }
        }
        #expect(try fixture.entries().count == 7)
        #expect(try fixture.verify().isValid)
    }

    @Test func recipientsAreTheOtherOrganisationsAllowedToReadThePerson() throws {
        let fixture = try AuditFixture()
        let id = try fixture.registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        try fixture.registry.database.write { db in
            for (org, decision) in [("alfa", AuditDecision.allow), ("beta", .allow), ("gamma", .deny)] {
                try AuditLog.append(
                    AuditEvent(
                        actor: "u-\(org)", org: org, action: .read, subject: id, category: .identity, decision: decision
                    ),
                    in: db)
            }
        }
        #expect(try fixture.registry.database.read { try Registry.recipients(of: id, $0) } == ["beta"])
    }

    @Test("--since and --until count days in the display zone: in Rome, an entry at 00:30 is the next day's")
    func sinceAndUntilCountDaysInTheDisplayZone() throws {
        let fixture = try AuditFixture()
        // Two entries either side of midnight in Rome (23:30 and 00:30 there, the same UTC day),
        // appended as rows: the filter reads only their times.
        let last = try #require(try fixture.entries().last)
        try fixture.registry.database.write { db in
            for (offset, (time, detail)) in [
                ("2026-11-28T22:30:00.000Z", "rome-evening"), ("2026-11-28T23:30:00.000Z", "rome-next-day"),
            ].enumerated() {
                var entry = last
                entry.seq = last.seq + 1 + Int64(offset)
                entry.time = time
                entry.detail = detail
                try AuditEntryRecord.append(contentsOf: [entry], db)
            }
        }
        func details(_ filter: AuditFilter) throws -> [String] {
            try fixture.registry.database.read { db in try AuditLog.entries(matching: filter, db) }
                .compactMap(\.detail).filter { $0.hasPrefix("rome-") }
        }
        let rome = try #require(TimeZone(identifier: "Europe/Rome"))
        let day28 = try #require(CalendarDate(year: 2026, month: 11, day: 28))
        let day29 = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        #expect(try details(AuditFilter(since: day29, zone: rome)) == ["rome-next-day"])
        #expect(try details(AuditFilter(until: day28, zone: rome)) == ["rome-evening"])
        #expect(try details(AuditFilter(since: day28, until: day28, zone: rome)) == ["rome-evening"])
        #expect(try details(AuditFilter(since: day29, until: day29)) == [], "in UTC both are the 28th's")
        #expect(try details(AuditFilter(since: day28, until: day28)) == ["rome-evening", "rome-next-day"])
        // Summer time: midnight in Rome is 22:00 UTC.
        let july = try #require(CalendarDate(year: 2026, month: 7, day: 1))
        #expect(AuditTime.start(of: july, in: rome) == "2026-06-30T22:00:00.000Z")
        #expect(AuditTime.end(of: july, in: rome) == "2026-07-01T21:59:59.999Z")
        // The day the clocks go back lasts 25 hours.
        let autumn = try #require(CalendarDate(year: 2026, month: 10, day: 25))
        #expect(AuditTime.start(of: autumn, in: rome) == "2026-10-24T22:00:00.000Z")
        #expect(AuditTime.end(of: autumn, in: rome) == "2026-10-25T22:59:59.999Z")
    }
}
