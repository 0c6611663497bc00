import Foundation

/// Where an import reads its CSV from.
public enum ImportSource: Sendable {
    /// A file, named in problem reports as given.
    case file(path: String)
    /// CSV held in memory (the demo's synthetic spreadsheets), named `name` in reports.
    case bytes([UInt8], name: String)

    /// How problem reports name the source.
    public var name: String {
        switch self {
        case .file(let path): path
        case .bytes(_, let name): name
        }
    }

    /// A reader over the source and its size in bytes.
    func open() throws -> (CSVReader, Int) {
        switch self {
        case .file(let path):
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return (try CSVReader(path: path), size)
        case .bytes(let bytes, _):
            return (CSVReader(bytes: bytes), bytes.count)
        }
    }
}
