import CSodium
import Foundation
@testable import RegistroKit
import Testing

/// The canonical encoding and the chain, byte for byte as Docs/PRIVACY.md describes them.
@Suite struct AuditEncodingTests {
    @Test func valuesAreTaggedByStorageClassWithBigEndianLengths() {
        let bytes = AuditEncoder.encode { encoder in
            encoder.appendNull()
            encoder.append(Int64(1))
            encoder.append(Int64(-2))
            encoder.append(text: "allow")
            encoder.append(text: "è")
            encoder.append(blob: [0xAB, 0xCD])
        }
        #expect(
            bytes == [
                0x00,
                0x01, 0, 0, 0, 0, 0, 0, 0, 1,
                0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
                0x02, 0, 0, 0, 5, 0x61, 0x6C, 0x6C, 0x6F, 0x77,
                0x02, 0, 0, 0, 2, 0xC3, 0xA8,
                0x03, 0, 0, 0, 2, 0xAB, 0xCD,
            ])
    }

    @Test func theEncoderGrowsPastItsFirstCapacity() {
        let long = String(repeating: "a", count: 5_000)
        let bytes = AuditEncoder.encode { encoder in
            encoder.append(text: long)
            encoder.append(Int64(3))
        }
        #expect(bytes.count == 5 + 5_000 + 9)
        #expect(Array(bytes.suffix(9)) == [0x01, 0, 0, 0, 0, 0, 0, 0, 3])
    }

    @Test func anEntryEncodesItsNineteenColumnsInTableOrder() {
        let entry = AuditEntry(
            version: 1, seq: 7, time: "2026-11-22T09:30:00.123Z", actor: "sw", org: "alfa", action: "lookup",
            resource: "beneficiary:B0000000001", subject: "B0000000001", category: "identity", purpose: nil,
            decision: "allow", policies: ["policy0", "policy3"], policySet: Array(repeating: 0x11, count: 32),
            emergency: false, emergencyReference: nil, consents: [], rowCount: nil, fileDigest: nil, detail: nil,
            previousHash: [], hash: [])
        let expected = AuditEncoder.encode { expected in
            expected.append(Int64(1))
            expected.append(Int64(7))
            for text in [
                "2026-11-22T09:30:00.123Z", "sw", "alfa", "lookup", "beneficiary:B0000000001", "B0000000001",
                "identity",
            ] {
                expected.append(text: text)
            }
            expected.appendNull()
            expected.append(text: "allow")
            expected.append(text: "policy0,policy3")
            expected.append(blob: Array(repeating: 0x11, count: 32))
            expected.append(Int64(0))
            expected.appendNull()
            expected.append(text: "")
            expected.appendNull()
            expected.appendNull()
            expected.appendNull()
        }
        #expect(AuditEncoder.encode { entry.encode(into: &$0) } == expected)
        #expect(
            AuditColumn.encoded.map(\.name) == [
                "version", "seq", "time", "actor", "org", "action", "resource", "subject", "category", "purpose",
                "decision", "policies", "policy_set", "emergency", "emergency_ref", "consents", "row_count",
                "file_digest", "detail",
            ])
    }

    @Test func eachHashIsUnkeyedBLAKE2bOfThePreviousHashAndTheEncoding() throws {
        let fixture = try AuditFixture()
        let entries = try fixture.entries()
        #expect(entries.map(\.seq) == Array(1...Int64(entries.count)))
        var previous = [UInt8](repeating: 0, count: 32)
        var encoder = AuditEncoder()
        for entry in entries {
            // As the append chains an entry: the previous hash, then the entry's encoding.
            encoder.reset(prefix: previous)
            entry.encode(into: &encoder)
            let input = Array(encoder.written)
            var digest = [UInt8](repeating: 0, count: 32)
            _ = crypto_generichash(&digest, 32, input, UInt64(input.count), nil, 0)
            #expect(entry.previousHash == previous)
            #expect(entry.hash == digest)
            previous = digest
        }
    }

    @Test func theEmptyPolicySetHashesToBLAKE2bOfNothing() {
        #expect(
            Hex.encode(PolicySetDigest.of([])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        let files = [
            (path: "Policies/b.cedar", text: "forbid(principal, action, resource);"),
            (path: "Policies/a.cedar", text: "permit(principal, action, resource);"),
        ]
        #expect(PolicySetDigest.of(files) == PolicySetDigest.of(files.reversed()))
        #expect(PolicySetDigest.of(files) != PolicySetDigest.of(Array(files.prefix(1))))
    }

    @Test func timesAreUTCWithMillisecondsInTwentyFourCharacters() {
        #expect(AuditTime.format(seconds: 0, milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(AuditTime.format(seconds: 1_795_340_096, milliseconds: 7) == "2026-11-22T09:34:56.007Z")
        #expect(AuditTime.now().count == 24)
        let day = CalendarDate(year: 2026, month: 2, day: 28)!
        let utc = TimeZone(identifier: "UTC")!
        #expect(AuditTime.start(of: day, in: utc) == "2026-02-28T00:00:00.000Z")
        #expect(AuditTime.end(of: day, in: utc) == "2026-02-28T23:59:59.999Z")
    }
}
