import Foundation
import RegistroKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes what `produce` returns to a new file at `path`, readable by its owner only (0600),
/// never overwriting one and never through a symbolic link: the file is created empty first,
/// so a path that exists, is a link or cannot be written is refused before `produce` runs and
/// changes anything; the file is removed again if `produce` fails.
///
/// - Throws: `RegistroError` (usage) when the file exists or is a link, (invalid data) when it
///   cannot be written, or what `produce` throws.
func writeNewFile(_ path: String, option: String, _ produce: () throws -> String) throws {
    try refuseSymbolicLink(path, option: option)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
        if errno == EEXIST {
            throw RegistroError.usage(worded("cli_file_exists", ["option": option, "file": path]))
        }
        throw RegistroError.invalidData(worded("cli_file_cannot_create", ["option": option, "file": path]))
    }
    defer { close(descriptor) }
    do {
        try writeAll(try produce(), to: descriptor, path: path, option: option)
    } catch {
        unlink(path)
        throw error
    }
}

/// Writes `contents` to the file at `path`, created or replaced, readable by its owner only
/// (0600, also when the file existed with another mode), never through a symbolic link.
///
/// - Throws: `RegistroError` (usage) when `path` is a link or cannot be written.
func writeOutputFile(_ path: String, option: String, contents: String) throws {
    try refuseSymbolicLink(path, option: option)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0, fchmod(descriptor, 0o600) == 0 else {
        if descriptor >= 0 { close(descriptor) }
        throw RegistroError.usage(worded("cli_file_unwritable", ["option": option, "file": path]))
    }
    defer { close(descriptor) }
    try writeAll(contents, to: descriptor, path: path, option: option)
}

/// Refuses a path that is a symbolic link, dangling or not: whoever placed it would choose
/// where personal data goes.
private func refuseSymbolicLink(_ path: String, option: String) throws {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return }
    throw RegistroError.usage(worded("cli_file_symbolic_link", ["option": option, "file": path]))
}

private func writeAll(_ contents: String, to descriptor: Int32, path: String, option: String) throws {
    let bytes = Array(contents.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
            throw RegistroError.invalidData(worded("cli_file_disk", ["option": option, "file": path]))
        }
        offset += written
    }
}
