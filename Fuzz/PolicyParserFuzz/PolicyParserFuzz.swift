// Fuzz target for the policy parser: any bytes, read as UTF-8 policy text, must either compile
// into a policy set or be refused with diagnostics — never crash, hang or exhaust the stack.
//
// Built for fuzzing (`make fuzz TARGET=policy-parser`: coverage and AddressSanitizer
// instrumentation, `-D FUZZING`, linked with libFuzzer's driver), its `main` hands control to
// libFuzzer. Built normally, it replays inputs: `PolicyParserFuzz FILE…` parses each file and
// prints whether it compiled, to reproduce a crash the fuzzer found.

import Foundation
import RegistroKit

/// Parses one input the way the fuzzer feeds it.
func parsePolicies(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int, PolicyError>? {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    return Result { () throws(PolicyError) -> Int in try PolicySet(text: text).count }
}

#if FUZZING
/// libFuzzer's entry point for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct PolicyParserFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, size in
            _ = parsePolicies(UnsafeBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
#else
@main
struct PolicyParserReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                continue
            }
            let outcome = data.withUnsafeBytes { raw in parsePolicies(raw.bindMemory(to: UInt8.self)) }
            switch outcome {
            case .success(let count)?: print("\(path): \(count) policies")
            case .failure(let error)?: print("\(path): refused (\(error.diagnostics.count) diagnostics)")
            case nil: print("\(path): not UTF-8")
            }
        }
    }
}
#endif
