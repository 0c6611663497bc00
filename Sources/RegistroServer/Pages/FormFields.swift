import RegistroOutput

/// The fields of a form a person fills in, each labelled from the page's catalogue and showing
/// what was typed in it so far.
struct FormFields {
    /// The page's catalogue, which words the labels.
    let catalogue: Catalogue
    /// The form as typed so far (empty on a fresh page).
    let typed: FormBody

    /// The field `id`, labelled by the catalogue's `labelKey`, drawn as `kind`.
    func field(_ id: String, _ labelKey: String, _ kind: FormField.Kind = .input(type: "text")) -> FormField {
        FormField(id: id, label: catalogue[labelKey], kind: kind, value: typed.values[id]?.first ?? "")
    }

    /// The drop-down list `id`, labelled by the catalogue's `labelKey`: `options` after a first
    /// empty choice, so that nothing is chosen until the person chooses.
    func choice(_ id: String, _ labelKey: String, _ options: [(value: String, label: String)]) -> FormField {
        field(id, labelKey, .select([("", catalogue["choose"])] + options))
    }
}
