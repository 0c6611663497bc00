import CedarSubset

/// The access policies in force: the `.cedar` files of `Policies/`, embedded at build time,
/// compiled once per process.
enum RegistryPolicies {
    /// The embedded policy files, sorted by name: `(file, text)`.
    static var files: [(file: String, text: String)] {
        EmbeddedResources.files
            .filter {
                $0.key.hasPrefix("Policies/") && $0.key.hasSuffix(".cedar") && !$0.key.dropFirst(9).contains("/")
            }
            .sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }

    /// The compiled policy set; a build whose policies do not compile stops here, which the
    /// `policy test` suite over `Policies/` prevents.
    static let compiled: PolicySet = {
        do {
            return try PolicySet(sources: files.map { (file: $0.file, text: $0.text) })
        } catch {
            preconditionFailure("the embedded policies do not compile: \(error)")
        }
    }()
}
