/// A small RFC 4180 reader for checking what the registry writes and ships, independent of the
/// library's own reader.
public enum CSVRecords {
    /// The records of `text`: fields split by commas, records by LF or CRLF; quoted fields may
    /// hold commas, line breaks and doubled quotes. A final line break ends the last record.
    public static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var rest = Array(text)[...]
        while let character = rest.popFirst() {
            switch (quoted, character) {
            case (true, "\""):
                if rest.first == "\"" {
                    field.append("\"")
                    rest.removeFirst()
                } else {
                    quoted = false
                }
            case (true, _):
                field.append(character)
            case (false, "\""):
                quoted = true
            case (false, ","):
                record.append(field)
                field = ""
            case (false, "\n"), (false, "\r\n"):
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
