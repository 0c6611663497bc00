import Foundation

/// The keys a registry works with once its keyring is open: derived from the root key and
/// checked against the database's key check value.
struct KeyMaterial: Sendable {
    /// The root key itself, kept for the derivations that come later (rotation, signing).
    let root: RootKey
    /// The current key-encryption key.
    let keyEncryptionKey: SecretKey
    /// The generation of `keyEncryptionKey`.
    let generation: Int
    /// The key of the codice fiscale blind index.
    let blindIndexKey: SecretKey
    /// The key-encryption keys of the generations met so far, shared by every copy of these keys
    /// and every one made from them: a rotation by another process is met in the wrapped keys
    /// and the generation a write reads, and then derived once.
    private let generations: KeyEncryptionKeyCache

    /// Derives the working keys from `root` for key-encryption generation `generation`.
    init(root: RootKey, generation: Int) {
        self.root = root
        self.generation = generation
        keyEncryptionKey = root.derive(.keyEncryption(generation: generation))
        blindIndexKey = root.derive(.blindIndex)
        generations = KeyEncryptionKeyCache(root: root, generation: generation, key: keyEncryptionKey)
    }

    /// `keys` at key-encryption generation `generation`, its key taken from their cache.
    private init(_ keys: KeyMaterial, generation: Int) {
        root = keys.root
        self.generation = generation
        keyEncryptionKey = keys.generations.key(of: generation)
        blindIndexKey = keys.blindIndexKey
        generations = keys.generations
    }

    /// These keys at the newest key-encryption generation met so far (in a wrapped data key or
    /// the generation a write read), by them or any keys sharing their cache: the keys a
    /// registry that another process rotated goes on with.
    var atNewestGenerationMet: KeyMaterial {
        let newest = generations.newest
        return newest > generation ? KeyMaterial(self, generation: newest) : self
    }

    /// These keys at the key-encryption generation recorded in `db`: the same when it is this
    /// one's, else derived again from the root key for the recorded one. A write reads the keys
    /// before its transaction; a key rotation committed meanwhile (in this process or another)
    /// makes them stale, and a data key wrapped under the stale generation would stay open to the
    /// key-encryption key the rotation retired. Called inside the write's transaction, so that no
    /// rotation can commit between it and the write.
    ///
    /// - Throws: `RegistroError` (invalid data) when the registry records no generation.
    func atRecordedGeneration(_ db: RegistryDatabase.Connection) throws -> KeyMaterial {
        guard let recorded = try RegistryMetaRecord.value(of: Registry.Meta.keyGeneration, db).flatMap(Int.init) else {
            throw RegistroError.invalidData(
                "the registry records no key generation: it is damaged; restore it from a backup")
        }
        return recorded == generation ? self : KeyMaterial(self, generation: recorded)
    }

    /// These keys at generation `generation`, which the caller has just recorded (a rotation).
    func atGeneration(_ generation: Int) -> KeyMaterial {
        generation == self.generation ? self : KeyMaterial(self, generation: generation)
    }

    /// The key sealing registry-level records that outlive a person's data key (erasure reasons).
    var recordsKey: SecretKey { root.derive(.records) }

    /// The key-encryption key of `generation`: the current one, or another one, derived once.
    func keyEncryptionKey(generation: Int) -> SecretKey {
        generation == self.generation ? keyEncryptionKey : generations.key(of: generation)
    }

    /// A new data key for a beneficiary, and its wrapped form to store; the key and the
    /// wrapping's nonce come from `random`.
    func newDataKey(for beneficiary: String, random: RandomPool) -> (key: SecretKey, wrapped: [UInt8]) {
        let key = SecretKey.random(from: random)
        return (
            key,
            DataKeyWrapping.wrap(
                key, beneficiary: beneficiary, kek: keyEncryptionKey, generation: generation, random: random)
        )
    }

    /// Opens the data key of `beneficiary` from its wrapped form in `db`.
    ///
    /// - Throws: `RegistroError` when the person is erased (their key destroyed) or the wrapped
    ///   key does not open.
    func dataKey(for beneficiary: String, _ db: RegistryDatabase.Connection) throws -> SecretKey {
        guard let record = try BeneficiaryKeyRecord.find(beneficiary, db) else {
            throw RegistroError.invalidData(
                "beneficiary `\(beneficiary)` was erased or does not exist; their personal data cannot be used")
        }
        return try DataKeyWrapping.unwrap(
            Array(record.wrappedKey), beneficiary: beneficiary,
            kek: keyEncryptionKey(generation: record.kekGeneration), generation: record.kekGeneration)
    }
}

/// The key-encryption keys of one root key, by generation, each derived the first time it is
/// asked for; and the newest generation asked for. Shared by the copies of a registry's keys.
final class KeyEncryptionKeyCache: @unchecked Sendable {
    private let root: RootKey
    private let lock = NSLock()
    /// The keys derived so far; a registry meets one or two generations in its life.
    private var keys: [Int: SecretKey]
    /// The newest generation asked for.
    private var newestGeneration: Int

    /// A cache of `root`'s key-encryption keys holding `key`, the one of `generation`.
    init(root: RootKey, generation: Int, key: SecretKey) {
        self.root = root
        keys = [generation: key]
        newestGeneration = generation
    }

    /// The newest generation asked for so far.
    var newest: Int {
        lock.lock()
        defer { lock.unlock() }
        return newestGeneration
    }

    /// The key-encryption key of `generation`, derived from the root key the first time.
    func key(of generation: Int) -> SecretKey {
        lock.lock()
        defer { lock.unlock() }
        newestGeneration = max(newestGeneration, generation)
        if let key = keys[generation] { return key }
        let key = root.derive(.keyEncryption(generation: generation))
        keys[generation] = key
        return key
    }
}

extension KeyMaterial {
    /// The Ed25519 key pair, from the `auditSigningSeed` sub-key, that signed the audit
    /// checkpoints of registries made before audit keys of their own (`<db>.audit-key`); it
    /// signs only until `audit key --create` gives such a registry its own key.
    var auditSigningKey: Ed25519.KeyPair {
        Ed25519.KeyPair(seed: root.derive(.auditSigningSeed))
    }
}
