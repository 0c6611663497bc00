import Foundation
import PackagePlugin

/// Embeds the package's `Schema/` and `Policies/` folders (for `RegistroKit`), its `Resources/`
/// folder (the web pages' templates, catalogues and stylesheet, for `RegistroServer`) or its
/// language catalogues (for `RegistroOutput`) into the target as Swift string literals, so the
/// built binary carries the one truth kept in those folders.
///
/// SwiftPM asks a plugin for its commands again only when the package graph changes, not when a
/// file is added to a folder outside the target's sources: the command therefore names the
/// folders, not their files, and the tool lists them when it runs; and every folder (each of its
/// subfolders too) is an input beside every file, so that adding, removing or renaming a file
/// (which changes its folder's modification time) runs the command again, as editing one does.
@main
struct EmbedResources: BuildToolPlugin {
    /// The top-level folders whose files are embedded, and the extensions kept from each.
    static let folders: [(name: String, extensions: Set<String>)] = [
        ("Schema", ["sql", "csv"]),
        ("Policies", ["cedar", "json"]),
    ]

    /// The folders embedded into the web server: templates, language catalogues, stylesheet.
    static let serverFolders: [(name: String, extensions: Set<String>)] = [
        ("Resources", ["mustache", "json", "css"])
    ]

    /// The folders embedded into the renderers: the language catalogues both front ends share.
    static let outputFolders: [(name: String, extensions: Set<String>)] = [
        ("Resources", ["json"])
    ]

    /// The folders embedded into `target`.
    static func folders(of target: String) -> [(name: String, extensions: Set<String>)] {
        switch target {
        case "RegistroServer": serverFolders
        case "RegistroOutput": outputFolders
        default: folders
        }
    }

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        var inputs: [URL] = []
        var arguments: [String] = []
        for folder in Self.folders(of: target.name) {
            let directory = packageDirectory.appending(path: folder.name)
            inputs += try Self.folders(under: directory)
            inputs += try Self.files(under: directory, extensions: folder.extensions)
            arguments += [folder.name, directory.path, folder.extensions.sorted().joined(separator: ",")]
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding resources into \(target.name)",
                executable: try context.tool(named: "EmbedResourcesTool").url,
                arguments: [output.path] + arguments,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// `directory` and every folder below it, sorted by path.
    static func folders(under directory: URL) throws -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isDirectoryKey]
            )
        else { return [] }
        var found = [directory.standardizedFileURL]
        for case let url as URL in enumerator {
            if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Every regular file below `directory` with one of `extensions`, sorted by path.
    static func files(under directory: URL, extensions: Set<String>) throws -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey]
            )
        else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension) {
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
