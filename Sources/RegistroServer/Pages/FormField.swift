/// One field of a page's form, as the `field` template draws it: its label tied by `for`, its
/// hint and error tied by `aria-describedby`.
struct FormField {
    /// How the field is drawn.
    enum Kind {
        case input(type: String)
        case textArea
        case select([(value: String, label: String)])
    }

    /// The id, which is also the form name.
    let id: String
    /// The label.
    let label: String
    /// How it is drawn.
    var kind: Kind = .input(type: "text")
    /// The value shown (kept after an error).
    var value: String = ""
    /// A hint under the label.
    var hint: String?
    /// The error of the field, in one sentence.
    var error: String?
    /// Whether the field must be filled.
    var required = false
    /// The `autocomplete` token.
    var autocomplete: String?

    /// The values the template reads.
    var context: [String: Any] {
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil { described.append("\(id)-error") }
        var result: [String: Any] = [
            "id": id, "label": label, "value": value, "required": required,
        ]
        if let hint { result["hint"] = hint }
        if let error { result["error"] = error }
        if let autocomplete { result["autocomplete"] = autocomplete }
        if !described.isEmpty { result["describedBy"] = described.joined(separator: " ") }
        switch kind {
        case .input(let type):
            result["isInput"] = true
            result["type"] = type
        case .textArea:
            result["isTextArea"] = true
        case .select(let options):
            result["isSelect"] = true
            result["options"] = options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value] }
        }
        return result
    }
}
