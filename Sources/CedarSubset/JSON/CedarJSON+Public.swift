extension Entities {
    /// Reads an entity store from Cedar's JSON entity format: an array of
    /// `{"uid": {"type": T, "id": I}, "attrs": {…}, "parents": [{"type": T, "id": I}, …]}`,
    /// where attribute values that are entity references use `{"__entity": {"type", "id"}}`.
    /// - Parameters:
    ///   - json: the JSON text.
    ///   - file: the file name diagnostics name.
    /// - Throws: ``PolicyError`` with the line and column of the first problem.
    public init(json: String, file: String? = nil) throws(PolicyError) {
        let decoder = CedarJSONDecoder(text: json, file: file)
        do {
            try self.init(try decoder.entities(decoder.parse()))
        } catch {
            throw error.inFileIfUnplaced(file)
        }
    }
}

extension Request {
    /// Reads a request from JSON: `{"principal": P, "action": A, "resource": R, "context": {…}}`,
    /// where `P`, `A` and `R` are `"Type::\"id\""` strings or `{"type": T, "id": I}` objects.
    /// - Parameters:
    ///   - json: the JSON text.
    ///   - file: the file name diagnostics name.
    /// - Throws: ``PolicyError`` with the line and column of the first problem.
    public init(json: String, file: String? = nil) throws(PolicyError) {
        let decoder = CedarJSONDecoder(text: json, file: file)
        self = try decoder.request(decoder.parse())
    }
}

extension Record {
    /// Reads a record from a JSON object in Cedar's value format.
    /// - Throws: ``PolicyError`` when the text is not such an object.
    public init(json: String, file: String? = nil) throws(PolicyError) {
        let decoder = CedarJSONDecoder(text: json, file: file)
        let parsed = try decoder.parse()
        guard case .object = parsed.kind, case .record(let record) = try decoder.value(parsed) else {
            throw decoder.failure("expected a JSON object", at: parsed)
        }
        self = record
    }
}

extension PolicyError {
    /// The same error, with `file` named on diagnostics that name no file.
    func inFileIfUnplaced(_ file: String?) -> PolicyError {
        PolicyError(diagnostics.map { $0.file == nil ? $0.inFile(file) : $0 })
    }
}
