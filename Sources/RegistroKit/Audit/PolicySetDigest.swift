/// The hash of the policy set in force, stored in every audit entry so that a privacy officer
/// can tell which policies decided it.
///
/// It is BLAKE2b-256 of the policy files (`.cedar`) in path order, each written as two texts of the
/// canonical encoding (`AuditEncoder`): its path (e.g. `Policies/registry.cedar`), then its
/// contents. With no policy file it is BLAKE2b-256 of nothing.
///
/// Until the policy engine decides the registry's requests, the policies in force are the
/// defaults embedded from `Policies/`. The sharing work replaces `inForce(_:)` with the hash of
/// the set it actually loads; it is the one place that says which set is in force.
enum PolicySetDigest {
    /// The hash of the policy set in force for the registry open in `db`.
    static func inForce(_ db: RegistryDatabase.Connection) throws -> [UInt8] {
        embeddedDefaults
    }

    /// The hash of the default policies embedded in this build.
    static let embeddedDefaults: [UInt8] = of(
        EmbeddedResources.files.filter { $0.key.hasPrefix("Policies/") && $0.key.hasSuffix(".cedar") }.map {
            (path: $0.key, text: $0.value)
        })

    /// The hash of the policy files `files`, in path order.
    static func of(_ files: [(path: String, text: String)]) -> [UInt8] {
        BLAKE2b.hash(
            AuditEncoder.encode { encoder in
                for file in files.sorted(by: { $0.path < $1.path }) {
                    encoder.append(text: file.path)
                    encoder.append(text: file.text)
                }
            })
    }
}
