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

    /// Derives the working keys from `root` for key-encryption generation `generation`.
    init(root: RootKey, generation: Int) {
        self.root = root
        self.generation = generation
        keyEncryptionKey = root.derive(.keyEncryption(generation: generation))
        blindIndexKey = root.derive(.blindIndex)
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
        return recorded == generation ? self : KeyMaterial(root: root, generation: recorded)
    }

    /// The key sealing registry-level records that outlive a person's data key (erasure reasons).
    var recordsKey: SecretKey { root.derive(.records) }

    /// The key-encryption key of `generation`: the current one, or an older one derived again.
    func keyEncryptionKey(generation: Int) -> SecretKey {
        generation == self.generation ? keyEncryptionKey : root.derive(.keyEncryption(generation: generation))
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

extension KeyMaterial {
    /// The Ed25519 key pair, from the `auditSigningSeed` sub-key, that signed the audit
    /// checkpoints of registries made before audit keys of their own (`<db>.audit-key`); it
    /// signs only until `audit key --create` gives such a registry its own key.
    var auditSigningKey: Ed25519.KeyPair {
        Ed25519.KeyPair(seed: root.derive(.auditSigningSeed))
    }
}
