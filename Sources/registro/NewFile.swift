import Foundation
import RegistroKit

/// Refuses a path where a file exists already, before any work is done for it.
///
/// - Throws: `RegistroError` (usage) naming the option.
func requireNewFile(_ path: String, option: String) throws {
    if FileManager.default.fileExists(atPath: path) {
        throw RegistroError.usage("\(option): `\(path)` exists already; choose another file or remove it first")
    }
}

/// Writes `contents` to a new file at `path`, never overwriting one.
///
/// - Throws: `RegistroError` when the file exists or cannot be written.
func writeNewFile(_ path: String, contents: String, option: String) throws {
    try requireNewFile(path, option: option)
    do {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    } catch {
        throw RegistroError.invalidData("\(option): cannot write `\(path)`; check that its folder exists and is writable")
    }
}
