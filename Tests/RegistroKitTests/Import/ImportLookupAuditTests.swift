import Foundation
@testable import RegistroKit
import Testing

/// The lookups an import records, and that its dry run records the same ones: a dry run tells
/// the importer which rows find a person already known, so it audits what the import would.
@Suite("import deliveries: the lookups of a dry run and of the import")
struct ImportLookupAuditTests {
    /// `alfa`'s person, found by `beta`'s file by codice fiscale.
    static let anna = ImportFixture.codiceFiscale("Rossi", "Anna", 1994, 9, 12, female: true)
    /// `beta`'s own person.
    static let laura = ImportFixture.codiceFiscale("Bruni", "Laura", 1985, 12, 10, female: true)

    /// `beta`'s file: `alfa`'s person by codice fiscale, `beta`'s own person by codice fiscale
    /// and by file number, and a new person.
    static let betaFile = """
        codice_fiscale,ref,given_name,family_name,sex,service_code,date
        \(anna),,Anna,Rossi,F,RT.CAS01,2020-04-01
        \(laura),BE-1,Laura,Bruni,F,RT.CAS01,2020-04-02
        ,BE-1,Laura,Bruni,F,RT.CAS01,2020-04-03
        ,,Marco,Gialli,M,RT.CAS01,2020-04-04

        """

    /// The lookups of the log after entry `seq`, by subject, decision, policies and note.
    static func lookups(_ fixture: ImportFixture, after seq: Int64) throws -> [String] {
        try fixture.registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }
            .filter { $0.seq > seq && $0.action == "lookup" }
            .map { "\($0.actor ?? "") \($0.subject ?? "") \($0.decision) \($0.policies) \($0.detail ?? "-")" }
    }

    /// The sequence number of the last entry of the log.
    static func lastSeq(_ fixture: ImportFixture) throws -> Int64 {
        try fixture.registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }.last?.seq ?? 0
    }

    @Test("a dry run records the lookups the import records, of another organisation's people only, noted dry run")
    func dryRunRecordsTheImportsLookups() throws {
        let fixture = try ImportFixture()
        let alfaFile =
            "codice_fiscale,given_name,family_name,sex,service_code,date\n"
            + "\(Self.anna),Anna,Rossi,F,RT.LAV01,2020-01-10\n"
        _ = try fixture.importing(alfaFile, as: "sw-alfa").get()
        let annaID = try #require(
            try fixture.registry.session(as: "sw-alfa").records.findOwnBeneficiaries(name: "Rossi").first)
        // beta's own person exists before: later files find her by codice fiscale and file number.
        let lauraFile =
            "codice_fiscale,ref,given_name,family_name,sex,service_code,date\n"
            + "\(Self.laura),BE-1,Laura,Bruni,F,RT.CAS01,2020-03-01\n"
        _ = try fixture.importing(lauraFile, as: "sw-beta").get()

        let beforeDryRun = try Self.lastSeq(fixture)
        let dry = try fixture.importing(Self.betaFile, as: "sw-beta", dryRun: true).get()
        let dryLookups = try Self.lookups(fixture, after: beforeDryRun)
        let beforeImport = try Self.lastSeq(fixture)
        let real = try fixture.importing(Self.betaFile, as: "sw-beta").get()
        let realLookups = try Self.lookups(fixture, after: beforeImport)

        #expect(dry.rowsMatched == real.rowsMatched)
        #expect(
            realLookups.count == 1 && realLookups.first?.hasPrefix("sw-beta \(annaID) allow ") == true, "\(realLookups)"
        )
        #expect(realLookups.first?.hasSuffix(" -") == true)
        #expect(dryLookups == realLookups.map { String($0.dropLast(2)) + " dry run" })
    }

    @Test("a dry run of the organisation's own people records no lookup")
    func dryRunOfOwnPeopleRecordsNoLookup() throws {
        let fixture = try ImportFixture()
        let file =
            "codice_fiscale,ref,given_name,family_name,sex,service_code,date\n"
            + "\(Self.anna),A-1,Anna,Rossi,F,RT.LAV01,2020-01-10\n"
        _ = try fixture.importing(file, as: "sw-alfa").get()
        let before = try Self.lastSeq(fixture)
        let again = file.replacingOccurrences(of: "2020-01-10", with: "2020-01-17")
        let dry = try fixture.importing(again, as: "sw-alfa", dryRun: true).get()
        #expect(dry.rowsMatched == 1 && dry.peopleCreated == 0)
        #expect(try Self.lookups(fixture, after: before).isEmpty)
    }
}
