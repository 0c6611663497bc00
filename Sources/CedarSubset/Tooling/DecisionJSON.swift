/// The JSON form of a decision, as a command-line front end prints it:
/// `{"decision": "Allow", "reasons": ["policy0"], "errors": [], "annotated_ids": {"policy0": "…"}}`.
///
/// `reasons` are the positional ids of the determining policies; `annotated_ids` maps those
/// that have an `@id` annotation to it; each error names the skipped policy and why it failed.
public enum DecisionJSON {
    /// The decision as one line of JSON, without a final newline.
    public static func line(for decision: Decision) -> String {
        var out = "{\"decision\": \""
        out += decision.outcome.rawValue
        out += "\", \"reasons\": ["
        out += decision.reasons.map { quoted($0.id) }.joined(separator: ", ")
        out += "], \"errors\": ["
        out += decision.errors.map { failure in
            var entry = "{\"policy\": \(quoted(failure.policy.id))"
            if let annotated = failure.policy.annotatedID { entry += ", \"id\": \(quoted(annotated))" }
            entry += ", \"message\": \(quoted(failure.error.description))}"
            return entry
        }.joined(separator: ", ")
        out += "], \"annotated_ids\": {"
        out += decision.reasons.compactMap { info in
            info.annotatedID.map { "\(quoted(info.id)): \(quoted($0))" }
        }.joined(separator: ", ")
        out += "}}"
        return out
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
