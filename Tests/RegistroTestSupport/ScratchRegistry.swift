import Foundation
import RegistroKit

/// A registry for a test, in a new folder of its own under the system's temporary one; the
/// caller removes the folder when done.
public struct ScratchRegistry {
    /// The folder, named after the test's prefix and a fresh UUID.
    public let folder: URL
    /// The registry, its keyring unprotected, in `folder`.
    public let registry: Registry

    /// A new registry, `registro.db` in the new folder `prefix-UUID`, in `network` when given.
    public init(_ prefix: String, network: Network? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        registry = try Registry.create(
            at: RegistryLocation(database: folder.appendingPathComponent("registro.db").path), protection: .none,
            network: network)
    }
}
