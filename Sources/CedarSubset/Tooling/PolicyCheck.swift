import Foundation

/// `policy check`: parses every policy file of a directory and validates the policies against
/// the directory's schema.
public enum PolicyCheck {
    /// The name of the schema file a policy directory holds, in Cedar's JSON schema format.
    public static let schemaFileName = "schema.cedarschema.json"

    /// What a check found.
    public struct Report: Sendable {
        /// Every problem, as `FILE:LINE:COL: problem` diagnostics, in file and text order.
        public let problems: [PolicyDiagnostic]
        /// The number of policy files read.
        public let fileCount: Int
        /// The policies, compiled, when every file parsed.
        let policies: PolicySet?

        /// The number of policies that parsed.
        public var policyCount: Int { policies?.count ?? 0 }

        /// Whether the directory held no policy file at all (its one problem says so).
        public var foundNoPolicyFile: Bool { fileCount == 0 }
    }

    /// Checks the `*.cedar` files of `directory` (in name order; positional ids continue from
    /// one file to the next) against `directory/schema.cedarschema.json`.
    /// - Throws: ``PolicyError`` when the directory or one of its files cannot be read.
    public static func check(directory: String) throws(PolicyError) -> Report {
        let sources = try PolicyFiles.policySources(in: directory)
        let folder = URL(fileURLWithPath: directory)
        guard !sources.isEmpty else {
            return Report(
                problems: [PolicyDiagnostic("no `*.cedar` policy file in `\(directory)`", at: nil)], fileCount: 0,
                policies: nil)
        }
        let policies: PolicySet
        do {
            policies = try PolicySet(sources: sources)
        } catch {
            return Report(problems: error.diagnostics, fileCount: sources.count, policies: nil)
        }
        let schemaPath = folder.appendingPathComponent(schemaFileName).relativePath
        guard FileManager.default.fileExists(atPath: schemaPath) else {
            let problem = PolicyDiagnostic(
                "no schema: add `\(schemaFileName)` (Cedar's JSON schema format) to `\(directory)`", at: nil)
            return Report(problems: [problem], fileCount: sources.count, policies: policies)
        }
        let schemaText = try PolicyFiles.text(of: schemaPath)
        let schema: Schema
        do {
            schema = try Schema(json: schemaText, file: schemaPath)
        } catch {
            return Report(problems: error.diagnostics, fileCount: sources.count, policies: policies)
        }
        return Report(problems: schema.validate(policies), fileCount: sources.count, policies: policies)
    }
}
