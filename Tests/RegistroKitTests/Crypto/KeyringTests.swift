import Foundation
@testable import RegistroKit
import Testing

@Suite("the keyring file")
struct KeyringTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var path: String { directory.appendingPathComponent("k.keyring").path }

    @Test("a passphrase keyring opens with its passphrase and gives back the same root key")
    func passphraseKeyringRoundTrips() throws {
        let root = try Keyring.create(at: path, protection: .passphrase("correct horse"))
        let opened = try Keyring.unlock(at: path, passphrase: { "correct horse" })
        #expect(opened.key.bytes == root.key.bytes)
        #expect(opened.checkValue == root.checkValue)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"argon2id\""))
    }

    @Test("the keyring is created readable by its owner only")
    func keyringIsPrivate() throws {
        _ = try Keyring.create(at: path, protection: .none)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a wrong passphrase is refused with one sentence that names the keyring")
    func wrongPassphraseIsRefused() throws {
        _ = try Keyring.create(at: path, protection: .passphrase("correct horse"))
        let error = #expect(throws: RegistroError.self) { try Keyring.unlock(at: path, passphrase: { "wrong" }) }
        #expect(error?.kind == .invalidData)
        #expect(error?.message.contains("passphrase does not open the keyring") == true)
    }

    @Test("a raw keyring does not ask for a passphrase")
    func rawKeyringNeedsNoPassphrase() throws {
        let root = try Keyring.create(at: path, protection: .none)
        let opened = try Keyring.unlock(
            at: path,
            passphrase: {
                Issue.record("asked for a passphrase")
                return ""
            })
        #expect(opened.key.bytes == root.key.bytes)
    }

    @Test("a missing, damaged or world-readable keyring is refused")
    func badKeyringFilesAreRefused() throws {
        #expect(throws: RegistroError.self) { try Keyring.unlock(at: path, passphrase: { "" }) }
        _ = try Keyring.create(at: path, protection: .none)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let open = #expect(throws: RegistroError.self) { try Keyring.unlock(at: path, passphrase: { "" }) }
        #expect(open?.message.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Data("{\"format\": \"something else\"}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RegistroError.self) { try Keyring.unlock(at: path, passphrase: { "" }) }
    }

    @Test("creating a keyring never overwrites an existing file")
    func createRefusesToOverwrite() throws {
        _ = try Keyring.create(at: path, protection: .none)
        #expect(throws: RegistroError.self) { try Keyring.create(at: path, protection: .none) }
    }

    @Test("sub-keys differ from each other and from the root key")
    func subKeysAreDistinct() {
        let root = RootKey.generate()
        let keys = [
            SubKey.keyCheck, .blindIndex, .auditSigningSeed, .keyEncryption(generation: 0),
            .keyEncryption(generation: 1),
        ]
        .map { root.derive($0).bytes }
        #expect(Set(keys.map { Hex.encode($0) }).count == keys.count)
        #expect(!keys.contains(root.key.bytes))
        #expect(root.derive(.blindIndex).bytes == root.derive(.blindIndex).bytes)
    }
}
