import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The smaller findings of the adversarial review: sealed lengths, passphrase strength, files
/// open to other users, output files through symbolic links, bidirectional controls.
@Suite("files, passphrases, sealed lengths and bidirectional controls")
struct FileAndInputSafetyTests {
    /// Runs `registro ARGUMENTS --db DATABASE` with umask 0, so only registro's own modes
    /// protect what it writes.
    static func runWithOpenUmask(_ registry: TemporaryRegistry, _ arguments: [String]) throws -> CommandResult {
        try ChildProcess.run(
            "/bin/sh",
            ["-c", "umask 0 && exec \"$0\" \"$@\"", TemporaryRegistry.binary.path] + arguments + [
                "--db", registry.database,
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": registry.directory.path], directory: registry.directory.path)
    }

    static func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    @Test(
        "sealed names of 3 and 14 characters have the same length in the database: values are padded to 16-byte blocks")
    func sealedLengthsArePadded() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        for name in ["Ada", "Massimilianoxy"] {
            try registry.succeed([
                "beneficiary", "add", "--given-name", name, "--family-name", "Ferro", "--sex", "F", "--as", "sw-alfa",
            ])
        }
        let lengths = try sqliteLines(registry.database, "SELECT length(given_name) FROM beneficiary ORDER BY id")
        #expect(lengths.count == 2)
        #expect(Set(lengths) == ["57"], "\(lengths)")
    }

    @Test(
        "init refuses a passphrase of fewer than 12 characters and creates nothing; a new keyring uses Argon2id at MODERATE limits or stronger"
    )
    func passphrasesAreLongAndStretched() throws {
        let registry = try TemporaryRegistry()
        let short = try registry.run(["init"], environment: ["REGISTRO_PASSPHRASE": "x"])
        #expect(short.status == 64)
        #expect(short.stderr.contains("at least 12"), "\(short.stderr)")
        #expect(short.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: registry.database))
        #expect(!FileManager.default.fileExists(atPath: registry.keyring))

        try registry.succeed(["init"], environment: ["REGISTRO_PASSPHRASE": "dodici lettere"])
        let keyring =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: registry.keyring)))
            as? [String: Any]
        let kdf = try #require(keyring?["kdf"] as? [String: Any])
        #expect((kdf["opslimit"] as? Int ?? 0) >= 3, "opslimit \(kdf["opslimit"] ?? "none")")
        #expect((kdf["memlimit"] as? Int ?? 0) >= 268_435_456, "memlimit \(kdf["memlimit"] ?? "none")")
        #expect(try registry.run(["org", "list"], environment: ["REGISTRO_PASSPHRASE": "dodici lettere"]).status == 0)
    }

    @Test(
        "a database readable or writable by group or others is refused with one sentence naming chmod 600, and left unchanged"
    )
    func openDatabaseIsRefused() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        for mode in [0o644, 0o640, 0o606] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: registry.database)
            let before = FileManager.default.contents(atPath: registry.database)
            let result = try registry.run(["org", "list"])
            #expect(result.status == 65)
            #expect(result.stderr.contains("chmod 600"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
            #expect(FileManager.default.contents(atPath: registry.database) == before)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: registry.database)
        #expect(try registry.run(["org", "list"]).status == 0)
    }

    @Test("--out and --html never write through a symbolic link, and the files they write are 0600")
    func outputFilesRefuseLinksAndArePrivate() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let target = registry.directory.appendingPathComponent("elsewhere.txt").path
        let link = registry.directory.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for arguments in [
            ["report", "deliveries", "--by", "org", "--out", link, "--as", "admin"],
            ["audit", "checkpoint", "--out", link, "--as", "dpo"],
            ["audit", "overview", "--html", link, "--as", "dpo"],
        ] {
            let result = try Self.runWithOpenUmask(registry, arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(arguments) wrote through the link")
        }
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let existing = try Self.runWithOpenUmask(
            registry, ["report", "deliveries", "--by", "org", "--out", link, "--as", "admin"])
        #expect(existing.status == 64)
        #expect(FileManager.default.contents(atPath: target) == Data("old".utf8))

        for (name, arguments) in [
            ("report.csv", ["report", "deliveries", "--by", "org", "--format", "csv", "--as", "admin", "--out"]),
            ("checkpoint.json", ["audit", "checkpoint", "--as", "dpo", "--out"]),
            ("overview.html", ["audit", "overview", "--as", "dpo", "--html"]),
        ] {
            let path = registry.directory.appendingPathComponent(name).path
            let result = try Self.runWithOpenUmask(registry, arguments + [path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.mode(path) == 0o600, "\(name)")
        }
        // A report written over an existing file open to others leaves it private.
        let shared = registry.directory.appendingPathComponent("shared.csv").path
        try Data().write(to: URL(fileURLWithPath: shared))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: shared)
        #expect(
            try Self.runWithOpenUmask(
                registry, ["report", "deliveries", "--by", "org", "--out", shared, "--as", "admin"]
            ).status == 0)
        #expect(try Self.mode(shared) == 0o600)
    }

    @Test(
        "bidirectional controls (U+202E and the others) are refused in names and text fields, from the command line and from imports"
    )
    func bidirectionalControlsAreRefused() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        for control in ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}"] {
            let person = try registry.run([
                "beneficiary", "add", "--given-name", "An\(control)na", "--family-name", "Neri", "--sex", "F",
                "--as", "sw-alfa",
            ])
            #expect(person.status == 65, "U+\(String(control.unicodeScalars.first!.value, radix: 16))")
            #expect(person.stderr.contains("given_name") || person.stderr.contains("--given-name"), "\(person.stderr)")
            #expect(person.stderr.contains("character 3"), "\(person.stderr)")
        }
        let organisation = try registry.run([
            "org", "add", "--id", "gamma", "--name", "Ente \u{202E}ammag", "--kind", "ets",
        ])
        #expect(organisation.status == 65)
        let user = try registry.run([
            "user", "add", "--id", "u1", "--name", "Utente\u{2067}", "--org", "alfa", "--role", "social_worker",
            "--as", "admin",
        ])
        #expect(user.status == 65)
        let notes = try registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F",
            "--notes", "nota\u{202E}ton", "--as", "sw-alfa",
        ])
        #expect(notes.status == 65)
        let file = try registry.write(
            "prestazioni.csv",
            Data(
                """
                given_name,family_name,sex,service_code,date
                Lu\u{202E}ca,Bassi,M,RT.LAV01,2021-03-01
                """.utf8))
        let imported = try registry.run(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(imported.status != 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM organisation WHERE id = 'gamma'") == 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM operator WHERE id = 'u1'") == 0)
    }
}
