/// One person's data key for the length of one transaction that opens several of their sealed
/// values (a case file: personal fields, special vulnerabilities, delivery notes): unwrapped the
/// first time a value needs it, then reused, rather than unwrapped again for each.
final class PersonDataKey {
    private let beneficiary: String
    private let keys: KeyMaterial
    private let db: RegistryDatabase.Connection
    private var unwrapped: SecretKey?

    /// The data key of `beneficiary`, to be unwrapped with `keys` from `db` when first asked.
    init(of beneficiary: String, keys: KeyMaterial, _ db: RegistryDatabase.Connection) {
        self.beneficiary = beneficiary
        self.keys = keys
        self.db = db
    }

    /// The key, unwrapped on the first call.
    ///
    /// - Throws: `RegistroError` when the person is erased (their key destroyed) or the wrapped
    ///   key does not open.
    func key() throws -> SecretKey {
        if let unwrapped { return unwrapped }
        let key = try keys.dataKey(for: beneficiary, db)
        unwrapped = key
        return key
    }
}
