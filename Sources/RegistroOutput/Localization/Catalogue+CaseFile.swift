import RegistroKit

extension Catalogue {
    /// The rules a case file names when it hides a section, explained in the catalogue.
    static let explainedRules = [
        "sensitive-needs-explicit-consent", "privacy-officers-never-read", "restricted-used-by-nobody",
    ]

    /// Why a case file's section is hidden, in the words of the job: no consent, or the rule
    /// that forbids it, from the library's `explanation`.
    public func hiddenReason(_ explanation: String) -> String {
        if explanation.contains("default deny") { return self["reason_default_deny"] }
        let rule = Self.explainedRules.first { explanation.contains("`\($0)`") }
        return rule.map { self["reason_\($0)"] } ?? self["reason_other"]
    }

    /// A value of a case file as text: dates and numbers written in this language, lists
    /// joined by `, `, records as `name: value` joined by `; `.
    public func value(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "✓" : "✗"
        case .int(let number): String(number)
        case .double(let number): self.number(number)
        case .string(let text): text.count == 10 && text.split(separator: "-").count == 3 ? date(text) : text
        case .array(let items): items.map(self.value).joined(separator: ", ")
        case .object(let members): members.map { "\($0.0): \(self.value($0.1))" }.joined(separator: "; ")
        }
    }
}
