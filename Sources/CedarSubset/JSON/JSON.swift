/// A JSON value with the UTF-8 offset where it starts, so that problems found later (in an
/// entity, a request or a schema) can be reported at their line and column.
///
/// The engine reads JSON with its own small parser rather than Foundation's, because Cedar's
/// inputs need what `JSONSerialization` does not give: integers kept exactly as 64-bit
/// values (and other numbers told apart), objects with duplicate keys refused, strings kept
/// scalar for scalar, and positions for diagnostics.
struct JSON: Sendable {
    indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number written as an integer that fits in 64 bits.
        case integer(Int64)
        /// Any other number (a fraction, an exponent, or an integer out of range), as written.
        case otherNumber(String)
        case string(String)
        case array([JSON])
        case object(JSONObject)
    }

    let kind: Kind
    /// The UTF-8 offset of the value's first character.
    let offset: Int

    /// What the value is, for messages: `null`, `a boolean`, `a number`, ….
    var kindDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .otherNumber: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var string: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    var object: JSONObject? {
        if case .object(let value) = kind { return value }
        return nil
    }

    var array: [JSON]? {
        if case .array(let value) = kind { return value }
        return nil
    }
}

/// A JSON object: its members in the order written (keys are unique).
struct JSONObject: Sendable {
    struct Member: Sendable {
        let key: String
        let keyOffset: Int
        let value: JSON
    }

    let members: [Member]

    /// The value of `key`, if present.
    subscript(key: String) -> JSON? {
        members.first { scalarsEqual($0.key, key) }?.value
    }
}

/// A JSON syntax error at a UTF-8 offset.
struct JSONSyntaxError: Error {
    let message: String
    let offset: Int
}
