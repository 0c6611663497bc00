// Fuzz target for the policy parser: any bytes, read as UTF-8 policy text, must either compile
// into a policy set or be refused with diagnostics — never crash, hang or exhaust the stack.
//
// `make fuzz TARGET=policy-parser` runs it under libFuzzer; `swift run PolicyParserFuzz FILE…`
// replays inputs, printing whether each compiled.

import FuzzDriver
import CedarSubset

/// Parses one input the way the fuzzer feeds it.
func parsePolicies(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else { return "not UTF-8" }
    do throws(PolicyError) {
        return "\(try PolicySet(text: text).count) policies"
    } catch {
        return "refused (\(error.diagnostics.count) diagnostics)"
    }
}

/// The program: the fuzz driver running `parsePolicies`.
@main
enum PolicyParserFuzz {
    static func main() { FuzzDriver.main(parsePolicies) }
}
