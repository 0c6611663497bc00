import Foundation

/// Reading policy engine inputs from files, with errors a command-line tool can show as they
/// are: one sentence per problem, `FILE:LINE:COL: problem`.
public enum PolicyFiles {
    /// The text of `path`, decoded as UTF-8.
    /// - Throws: ``PolicyError`` when the file cannot be read or is not UTF-8.
    public static func text(of path: String) throws(PolicyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError("cannot read `\(path)`: check that the file exists and is readable")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PolicyError("`\(path)` is not valid UTF-8 text")
        }
        return text
    }

    /// The `*.cedar` files of `directory`, in name order (positional policy ids continue from one
    /// file to the next), each with its path and text.
    /// - Throws: ``PolicyError`` when the directory or a file cannot be read.
    public static func policySources(in directory: String) throws(PolicyError) -> [(file: String?, text: String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw PolicyError("cannot read the directory `\(directory)`: check that it exists")
        }
        let folder = URL(fileURLWithPath: directory)
        var sources: [(file: String?, text: String)] = []
        for name in names.filter({ $0.hasSuffix(".cedar") }).sorted() {
            let path = folder.appendingPathComponent(name).relativePath
            sources.append((path, try text(of: path)))
        }
        return sources
    }

    /// The policies in the Cedar file at `path`, compiled.
    /// - Throws: ``PolicyError`` listing every problem with its line and column.
    public static func policySet(at path: String) throws(PolicyError) -> PolicySet {
        try PolicySet(text: text(of: path), file: path)
    }

    /// The entities in the Cedar JSON entity file at `path`.
    /// - Throws: ``PolicyError`` naming the first problem and where it is.
    public static func entities(at path: String) throws(PolicyError) -> Entities {
        try Entities(json: text(of: path), file: path)
    }

    /// The request in the JSON file at `path`.
    /// - Throws: ``PolicyError`` naming the first problem and where it is.
    public static func request(at path: String) throws(PolicyError) -> Request {
        try Request(json: text(of: path), file: path)
    }

    /// The schema in the Cedar JSON schema file at `path`.
    /// - Throws: ``PolicyError`` naming the first problem and where it is.
    public static func schema(at path: String) throws(PolicyError) -> Schema {
        try Schema(json: text(of: path), file: path)
    }

    /// Validates `policies` against the schema in the Cedar JSON schema file at `path`.
    /// - Throws: ``PolicyError`` listing every problem of the schema or of the policies, each as
    ///   `FILE:LINE:COL: problem`.
    public static func validate(_ policies: PolicySet, againstSchemaAt path: String) throws(PolicyError) {
        let problems = try schema(at: path).validate(policies)
        if !problems.isEmpty {
            throw PolicyError(problems)
        }
    }

    /// The requests of the JSON Lines file at `path`, one per non-blank line, in order.
    /// - Throws: ``PolicyError`` naming the first bad line, as `FILE:LINE:COL`.
    public static func requests(inLinesAt path: String) throws(PolicyError) -> [Request] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError("cannot read `\(path)`: check that the file exists and is readable")
        }
        let bytes = [UInt8](data)
        var requests: [Request] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            let line = bytes[start..<end]
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            guard let text = String(validating: line, as: UTF8.self) else {
                throw PolicyError("\(path):\(lineNumber): the line is not valid UTF-8 text")
            }
            do {
                requests.append(try Request(json: text, file: path))
            } catch {
                let shifted = error.diagnostics.map { diagnostic -> PolicyDiagnostic in
                    var moved = diagnostic
                    if let location = diagnostic.location {
                        moved.location = SourceLocation(line: lineNumber, column: location.column)
                    }
                    return moved
                }
                throw PolicyError(shifted)
            }
        }
        return requests
    }
}
