import ArgumentParser
import Foundation
import RegistroKit

/// Runs a command body, turning library errors into one sentence on stderr (fields named by
/// their options) and the exit status of their kind.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as RegistroError {
        printError(error.commandLineMessage)
        throw ExitCode(exitStatus(for: error.kind))
    }
}

/// The exit status for a kind of library error.
func exitStatus(for kind: RegistroError.Kind) -> Int32 {
    switch kind {
    case .checkFailed: 1
    case .usage: 64
    case .invalidData, .notFound: 65
    case .internal: 70
    case .denied: 77
    }
}

/// Writes `registro: MESSAGE` and a newline to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("registro: \(message)\n".utf8))
}
