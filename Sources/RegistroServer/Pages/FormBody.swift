import Foundation
import Hummingbird
import NIOCore

/// The fields of a form posted by a page: URL-encoded, or `multipart/form-data` for a file.
struct FormBody: Sendable {
    /// Each field's values in order (a checkbox group gives several).
    private(set) var values: [String: [String]] = [:]
    /// The bytes of each file field.
    private(set) var files: [String: [UInt8]] = [:]

    /// An empty form.
    init() {}

    /// A form of `values`, as kept from an earlier post.
    init(values: [String: [String]]) {
        self.values = values
    }

    /// The first value of `name`, trimmed; `nil` when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Every value of `name`.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Reads a form of at most `limit` bytes.
    ///
    /// - Throws: `ServerError` for a body too large or of another type.
    static func read(_ request: Request, limit: Int) async throws -> FormBody {
        var copy = request
        let buffer = try await copy.collectBody(upTo: limit)
        let bytes = Array(buffer.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return urlEncoded(String(decoding: bytes, as: UTF8.self))
        }
        if type.hasPrefix("multipart/form-data"), let boundary = boundary(of: type) {
            return multipart(bytes, boundary: boundary)
        }
        throw ServerError.badRequest("send the form as application/x-www-form-urlencoded or multipart/form-data")
    }

    /// The fields of a URL-encoded body.
    static func urlEncoded(_ text: String) -> FormBody {
        var form = FormBody()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form.values[decode(parts[0]), default: []].append(parts.count == 2 ? decode(parts[1]) : "")
        }
        return form
    }

    /// The boundary of a `multipart/form-data` content type.
    private static func boundary(of type: String) -> String? {
        guard let range = type.range(of: "boundary=") else { return nil }
        let value = type[range.upperBound...].prefix { $0 != ";" }
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }

    /// The fields of a `multipart/form-data` body: text parts as values, parts with a file name
    /// as files.
    static func multipart(_ bytes: [UInt8], boundary: String) -> FormBody {
        var form = FormBody()
        let delimiter = Array("--\(boundary)".utf8)
        let headerEnd = Array("\r\n\r\n".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while let found = bytes.firstRange(of: delimiter, from: index) {
            if let start { parts.append(bytes[start..<max(start, found.lowerBound - 2)]) }
            start = found.upperBound + 2
            index = found.upperBound
        }
        for part in parts {
            guard let split = part.firstRange(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            let body = Array(part[split.upperBound...])
            guard let name = parameter("name", in: headers) else { continue }
            if parameter("filename", in: headers) != nil {
                form.files[name] = body
            } else {
                form.values[name, default: []].append(String(decoding: body, as: UTF8.self))
            }
        }
        return form
    }

    /// A quoted parameter of a part's `Content-Disposition`.
    private static func parameter(_ name: String, in headers: String) -> String? {
        guard let range = headers.range(of: " \(name)=\"") ?? headers.range(of: ";\(name)=\"") else { return nil }
        return String(headers[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension Array where Element == UInt8 {
    /// The first range of `pattern` at or after `start`.
    fileprivate func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count else { return nil }
        var index = start
        while index <= count - pattern.count {
            if self[index] == pattern[0], Array(self[index..<index + pattern.count]) == pattern {
                return index..<index + pattern.count
            }
            index += 1
        }
        return nil
    }
}

extension ArraySlice where Element == UInt8 {
    /// The first range of `pattern` in the slice, in the slice's indices.
    fileprivate func firstRange(of pattern: [UInt8]) -> Range<Int>? {
        var index = startIndex
        while index <= endIndex - pattern.count {
            if self[index..<index + pattern.count].elementsEqual(pattern) { return index..<index + pattern.count }
            index += 1
        }
        return nil
    }
}
