import Foundation
import Hummingbird
import NIOCore

/// A request's JSON object body, read with a size limit, with accessors that answer 400 in one
/// sentence naming the key when a member is missing or of the wrong type.
struct JSONBody {
    /// The object's members.
    private let members: [String: Member]

    /// A JSON value as decoded.
    enum Member: Decodable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Member])
        case object([String: Member])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Member].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Member].self))
            }
        }
    }

    /// Reads the body of `request` as one JSON object of at most `limit` bytes.
    ///
    /// - Throws: `ServerError` 413 for a larger body, 400 for a body that is not a JSON object
    ///   or holds keys not in `allowed`.
    static func read(_ request: Request, limit: Int, allowed: Set<String>) async throws -> JSONBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ServerError(
                .contentTooLarge, "too_large", "the request body is over \(limit) bytes; send a smaller one")
        }
        let data = Data(buffer.readableBytesView)
        guard
            let members = try? JSONDecoder().decode([String: Member].self, from: data.isEmpty ? Data("{}".utf8) : data)
        else {
            throw ServerError.badRequest("the request body must be one JSON object; check its syntax")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ServerError.badRequest(
                "the key `\(unknown)` is not known here; use "
                    + allowed.sorted().map { "`\($0)`" }.joined(separator: ", ")
            )
        }
        return JSONBody(members: members)
    }

    /// The string member `key`.
    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else {
            throw ServerError.badRequest("the key `\(key)` is missing; add it as a string")
        }
        return value
    }

    /// The string member `key`, `nil` when absent or null.
    func optionalString(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null: return nil
        case .string(let text): return text
        default: throw ServerError.badRequest("the key `\(key)` must be a string")
        }
    }

    /// The string or number member `key` as text (`1.5` as `1.5`), `nil` when absent or null:
    /// for fields people type either way, such as hours.
    func optionalScalar(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null: return nil
        case .string(let text): return text
        case .number(let value):
            return value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        default: throw ServerError.badRequest("the key `\(key)` must be a string or a number")
        }
    }

    /// The string or array-of-strings member `key`, as comma-separated text; `nil` when absent.
    func optionalList(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null: return nil
        case .string(let text): return text
        case .array: return try strings(key).joined(separator: ",")
        default: throw ServerError.badRequest("the key `\(key)` must be an array of strings")
        }
    }

    /// The boolean member `key`, `false` when absent.
    func bool(_ key: String) throws -> Bool {
        switch members[key] {
        case nil, .null: return false
        case .bool(let value): return value
        default: throw ServerError.badRequest("the key `\(key)` must be true or false")
        }
    }

    /// The integer member `key`, `nil` when absent.
    func optionalInt(_ key: String) throws -> Int? {
        switch members[key] {
        case nil, .null: return nil
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: return Int(value)
        default: throw ServerError.badRequest("the key `\(key)` must be a whole number")
        }
    }

    /// The array-of-strings member `key`.
    func strings(_ key: String) throws -> [String] {
        guard case .array(let values) = members[key] else {
            throw ServerError.badRequest("the key `\(key)` is missing or not an array; add it as an array of strings")
        }
        return try values.map { value in
            guard case .string(let text) = value else {
                throw ServerError.badRequest("the key `\(key)` must be an array of strings")
            }
            return text
        }
    }
}
