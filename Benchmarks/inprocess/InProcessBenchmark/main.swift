// In-process performance figures that no whole command shows (Docs/PERFORMANCE.md):
//
//   InProcessBenchmark case-show DB BENEFICIARY USER PURPOSE [ITERATIONS]
//       Opens the registry once, then reads the case file of BENEFICIARY as USER for PURPOSE
//       ITERATIONS times (after a few unmeasured warm-up readings), each one the library call
//       `registro case show` makes: the gate's decisions, an audit entry for each category in
//       its own transaction, every visible field opened, the deliveries listed.
//       Prints `case-show median_ms p95_ms deliveries`.
//   InProcessBenchmark sealing [FIELDS]
//       Seals FIELDS personal fields shaped like an import's (names, codici fiscali, dates,
//       phones, notes, each bound to its table, column and row) with the registry's
//       `FieldSealer`, then the same plaintexts with raw libsodium
//       (`crypto_aead_xchacha20poly1305_ietf_encrypt`, a fresh `randombytes_buf` nonce each, into
//       one preallocated buffer). Prints `sealing registro_fields_per_s libsodium_fields_per_s`.
//
// Lines starting with `#` are comments for people; the others are for Benchmarks/run.sh.

import CSodium
import Foundation
@_spi(Benchmarks) import RegistroKit

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("InProcessBenchmark: \(message)\n".utf8))
    exit(64)
}

func caseShow(_ arguments: ArraySlice<String>) throws {
    guard arguments.count >= 4 else { fail("usage: case-show DB BENEFICIARY USER PURPOSE [ITERATIONS]") }
    let values = Array(arguments)
    let iterations = values.count > 4 ? Int(values[4]) ?? 200 : 200
    let registry = try Registry.open(
        at: RegistryLocation(database: values[0]), passphrase: { fail("the keyring is sealed") })
    let sharing = try registry.session(as: values[2]).sharing
    let read = { try sharing.caseFile(of: values[1], purpose: values[3]) }
    var deliveries = 0
    for _ in 0..<10 { deliveries = try read().deliveries.count }
    var times: [Double] = []
    times.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = clock.now
        _ = try read()
        times.append(seconds(clock.now - start) * 1000)
    }
    times.sort()
    let median = times[times.count / 2]
    let p95 = times[min(times.count - 1, times.count * 95 / 100)]
    print(
        "# \(iterations) readings of a case file with \(deliveries) deliveries: median \(median) ms, 95th percentile \(p95) ms"
    )
    print("case-show \(median) \(p95) \(deliveries)")
}

func sealing(_ arguments: ArraySlice<String>) {
    let count = arguments.first.flatMap { Int($0) } ?? 1_000_000
    let samples = [
        "Giovanni", "Fontana", "FNTGNN07A07L304C", "2007-01-07", "370 6422020", "utente1234@example.org",
        "Primo colloquio di accoglienza", "divario_digitale",
    ]
    let columns = ["given_name", "family_name", "codice_fiscale", "birth_date", "phone", "email", "notes", "sensitive"]
    let locations = (0..<samples.count).map {
        FieldLocation(table: "beneficiary", column: columns[$0], row: "B7K3M9Q2X4TA")
    }
    let pool = RandomPool()
    let key = SecretKey.random(from: pool)
    let sealer = FieldSealer(random: pool)
    var total = 0
    var start = clock.now
    for index in 0..<count {
        let field = index % samples.count
        total &+= sealer.seal(samples[field], at: locations[field], with: key) { $0.count }
    }
    let ours = Double(count) / seconds(clock.now - start)

    // The same plaintexts and associated data, straight through libsodium.
    let plaintexts = samples.map { Array($0.utf8) }
    let associated = locations.map { Array("registro/v1|\($0.table)|\($0.column)|\($0.row)".utf8) }
    var rawKey = [UInt8](repeating: 0, count: 32)
    randombytes_buf(&rawKey, 32)
    var box = [UInt8](repeating: 0, count: 24 + 64 + 16)
    start = clock.now
    for index in 0..<count {
        let field = index % samples.count
        box.withUnsafeMutableBufferPointer { out in
            let nonce = out.baseAddress!
            randombytes_buf(nonce, 24)
            var written: UInt64 = 0
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                nonce + 24, &written, plaintexts[field], UInt64(plaintexts[field].count),
                associated[field], UInt64(associated[field].count), nil, nonce, rawKey)
            total &+= Int(written)
        }
    }
    let theirs = Double(count) / seconds(clock.now - start)
    print(
        "# \(count) fields (\(total) bytes sealed in all): registro \(Int(ours)) fields/s, raw libsodium \(Int(theirs)) fields/s"
    )
    print("sealing \(Int(ours)) \(Int(theirs))")
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "case-show": try caseShow(arguments.dropFirst())
    case "sealing": sealing(arguments.dropFirst())
    default: fail("usage: InProcessBenchmark case-show … | sealing [FIELDS]")
    }
} catch {
    fail("\(error)")
}
