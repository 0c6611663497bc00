import Foundation
import Testing

@Suite("creating and opening a registry, end to end")
struct RegistryLifecycleTests {
    @Test("init creates a database and a keyring readable by their owner only")
    func initCreatesPrivateFiles() throws {
        let registry = try TemporaryRegistry()
        let result = try registry.run(["init", "--no-passphrase"])
        #expect(result.status == 0)
        for path in [registry.database, registry.keyring] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) is not private")
        }
        #expect(result.stderr.contains("not sealed under a passphrase"))
    }

    @Test("init refuses to replace an existing registry")
    func initRefusesAnExistingRegistry() throws {
        let registry = try TemporaryRegistry()
        try registry.succeed(["init", "--no-passphrase"])
        let again = try registry.run(["init", "--no-passphrase"])
        #expect(again.status == 64)
        #expect(again.stderr.contains("exists already"))
    }

    @Test("without a passphrase and without a terminal, init asks for REGISTRO_PASSPHRASE and creates nothing")
    func initWithoutPassphraseSource() throws {
        let registry = try TemporaryRegistry()
        let result = try registry.run(["init"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("REGISTRO_PASSPHRASE"))
        #expect(!FileManager.default.fileExists(atPath: registry.database))
        #expect(!FileManager.default.fileExists(atPath: registry.keyring))
    }

    @Test("a wrong passphrase gets one sentence, exit 65, and nothing is written")
    func wrongPassphraseChangesNothing() throws {
        let registry = try TemporaryRegistry()
        let right = ["REGISTRO_PASSPHRASE": "una frase lunga e segreta"]
        try registry.succeed(["init"], environment: right)
        try registry.succeed(["org", "add", "--id", "alfa", "--name", "Alfa", "--kind", "ets"], environment: right)
        try registry.succeed(
            ["user", "add", "--id", "sw", "--name", "Operatore", "--org", "alfa", "--role", "social_worker"],
            environment: right)
        let before = registry.databaseFiles()
        let result = try registry.run(
            ["beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw"],
            environment: ["REGISTRO_PASSPHRASE": "sbagliata"])
        #expect(result.status == 65)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("passphrase does not open the keyring"))
        #expect(registry.databaseFiles() == before)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 0)
    }

    @Test("a missing keyring gets one sentence, exit 65, and nothing is written")
    func missingKeyringChangesNothing() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try FileManager.default.removeItem(atPath: registry.keyring)
        let result = try registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw-alfa",
        ])
        #expect(result.status == 65)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("no keyring at"))
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 0)
    }

    @Test("another registry's keyring is refused before anything is written")
    func foreignKeyringIsRefused() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let other = try TemporaryRegistry()
        try other.succeed(["init", "--no-passphrase"])
        let result = try registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F",
            "--as", "sw-alfa", "--keyring", other.keyring,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("does not belong to the registry"))
    }

    @Test("commands on a registry that does not exist say how to create one")
    func missingRegistry() throws {
        let registry = try TemporaryRegistry()
        let result = try registry.run(["org", "list"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("registro init"))
        #expect(!FileManager.default.fileExists(atPath: registry.database))
    }

    @Test("a file that is not a registry is refused without being changed")
    func notARegistry() throws {
        let registry = try TemporaryRegistry()
        let path = try registry.write("registro.db", Data("this is not a database, just text that fills a page. ".utf8))
        let before = FileManager.default.contents(atPath: path)
        let result = try registry.run(["org", "list"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a Registro database"))
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("REGISTRO_DB and REGISTRO_USER stand in for --db and --as")
    func environmentVariables() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let environment = ["REGISTRO_DB": registry.database, "REGISTRO_USER": "sw-alfa"]
        let result = try ChildProcess.run(
            TemporaryRegistry.binary.path,
            ["beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F"],
            environment: environment, directory: registry.directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("B"))
    }
}
