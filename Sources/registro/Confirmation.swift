import RegistroOutput

/// Says on standard output what a command did, in the command line's language: the catalogue's
/// string of `key` with its `values` filled in.
func confirm(_ key: String, _ values: [String: String] = [:]) {
    print(CommandLanguage.catalogue.text(key, values))
}

/// The catalogue's string of `key` in the command line's language, with its `values` filled in,
/// for a sentence on standard error or inside an error.
func worded(_ key: String, _ values: [String: String] = [:]) -> String {
    CommandLanguage.catalogue.text(key, values)
}
