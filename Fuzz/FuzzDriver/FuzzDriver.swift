// The `main` every fuzz target shares. Built for fuzzing (`make fuzz`: `-D FUZZING`, linked with
// libFuzzer's driver), it hands the target's test to libFuzzer with the command line. Built
// normally, it replays inputs: `TARGET FILE…` runs the test on each file and prints what it made
// of it, to reproduce a crash the fuzzer found.

import Foundation

/// Runs a fuzz target: under libFuzzer, or replaying the files named on the command line.
public enum FuzzDriver {
    /// Runs `test` on every input and never returns.
    ///
    /// A test reports a broken property by stopping the process (`preconditionFailure`), which
    /// libFuzzer records as a crash like any other.
    /// - Parameter test: Takes one input, as bytes, and says in a few words what it made of it
    ///   (printed when replaying; the words must never repeat the input, which may hold personal
    ///   data).
    public static func main(_ test: @escaping (UnsafeBufferPointer<UInt8>) -> String) -> Never {
        #if FUZZING
            currentTest = test
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(
                runFuzzerDriver(&argc, &argv) { data, size in
                    _ = currentTest?(UnsafeBufferPointer(start: data, count: size))
                    return 0
                })
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot read")
                    continue
                }
                print("\(path): " + data.withUnsafeBytes { test($0.bindMemory(to: UInt8.self)) })
            }
            exit(0)
        #endif
    }
}

#if FUZZING
    /// The test libFuzzer calls, kept where its C callback, which captures nothing, can reach it.
    nonisolated(unsafe) private var currentTest: ((UnsafeBufferPointer<UInt8>) -> String)?

    /// libFuzzer's entry point for programs that have their own `main`.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif
