import Foundation
import RegistroKit

/// Writes what `produce` returns to a new file at `path`, never overwriting one: the file is
/// created empty first, so a path that exists or cannot be written is refused before
/// `produce` runs and changes anything; the file is removed again if `produce` fails.
///
/// - Throws: `RegistroError` (usage) when the file exists, (invalid data) when it cannot be
///   written, or what `produce` throws.
func writeNewFile(_ path: String, option: String, _ produce: () throws -> String) throws {
    let url = URL(fileURLWithPath: path)
    if FileManager.default.fileExists(atPath: path) {
        throw RegistroError.usage("\(option): `\(path)` exists already; choose another file or remove it first")
    }
    do {
        try Data().write(to: url, options: .withoutOverwriting)
    } catch {
        throw RegistroError.invalidData("\(option): cannot create `\(path)`; check that its folder exists and is writable")
    }
    do {
        let contents = try produce()
        try Data(contents.utf8).write(to: url)
    } catch {
        try? FileManager.default.removeItem(at: url)
        if error is RegistroError { throw error }
        throw RegistroError.invalidData("\(option): cannot write `\(path)`; check the disk")
    }
}
