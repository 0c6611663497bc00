import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files only their owner may read: the keyring, the database.
enum PrivateFile {
    /// Creates a new file at `path` with mode 0600 holding `contents`, flushed to disk.
    ///
    /// - Throws: `RegistroError` when the file exists already or cannot be written; `what`
    ///   names the file in the message ("keyring", "database").
    static func create(at path: String, contents: Data, what: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw RegistroError(
                    .usage, field: nil, "a \(what) exists already at `\(path)`; choose another path or remove it first",
                    key: .storage(.fileExists(path)))
            }
            let reason = String(cString: strerror(errno))
            throw RegistroError(
                .invalidData, field: nil, "cannot create the \(what) `\(path)`: \(reason)",
                key: .storage(.fileUnwritable(path, reason: reason)))
        }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw RegistroError(
                .invalidData, field: nil, "cannot write the \(what) `\(path)`: \(reason)",
                key: .storage(.fileUnwritable(path, reason: reason)))
        }
    }

    /// Creates an empty file at `path` with mode 0600, so that a database SQLite then opens
    /// there (and its `-wal` and `-shm` companions, which inherit the mode) is private.
    static func createEmpty(at path: String, what: String) throws {
        try create(at: path, contents: Data(), what: what)
    }

    /// Refuses a file that users other than its owner may read or write.
    ///
    /// - Throws: `RegistroError` naming the file and the `chmod` that fixes it.
    static func requireOwnerOnly(at path: String, what: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            throw RegistroError(
                .invalidData, field: nil, "cannot read the \(what) `\(path)`: \(reason)",
                key: .storage(.fileUnreadable(path, reason: reason)))
        }
        guard status.st_mode & 0o077 == 0 else {
            throw RegistroError(
                .invalidData, field: nil,
                "the \(what) `\(path)` is open to other users of this machine; run `chmod 600 \(path)` and try again",
                key: .storage(.fileOpenToOthers(path)))
        }
    }
}
