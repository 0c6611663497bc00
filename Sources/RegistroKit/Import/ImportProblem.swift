/// A problem found in an import file, reported as `FILE:LINE: column: problem`.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file as named on the command line.
    public var file: String
    /// The line where the record starts (1 is the header).
    public var line: Int
    /// The column's header name, or `nil` for a problem with the whole record.
    public var column: String?
    /// What is wrong (and, without a hint, how to fix it); never the field's value.
    public var message: String
    /// Where to look for the fix, when a front end can say it better.
    public var hint: RegistroHint?
    /// The problem in a typed form a front end words in its own language, when it has one.
    public var key: RegistroMessage?

    /// A problem at `line` of `file`, in `column` or the whole record, with its typed form `key`
    /// when it has one.
    public init(
        file: String, line: Int, column: String?, message: String, hint: RegistroHint? = nil,
        key: RegistroMessage? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.key = key
    }

    /// `FILE:LINE: column: problem; hint`, or `FILE:LINE: problem` for a whole record, with
    /// control characters escaped; `problem` words the problem (by default, `message`) and
    /// `hint` the hint (by default, in the library's words).
    public func text(problem: String? = nil, hint wording: (RegistroHint) -> String = { $0.text }) -> String {
        ControlCharacters.escaped(
            "\(file):\(line): " + (column.map { "\($0): " } ?? "") + (problem ?? message)
                + (hint.map { "; " + wording($0) } ?? ""))
    }

    /// The problem in the library's words.
    public var description: String { text() }
}

/// What an import did, or would do in a dry run.
public struct ImportSummary: Sendable, Equatable {
    /// Deliveries read from the file.
    public var rows: Int
    /// People created because no existing one matched.
    public var peopleCreated: Int
    /// Rows whose person was found by codice fiscale or file number.
    public var rowsMatched: Int
    /// The file's BLAKE2b digest, hex-encoded.
    public var fileDigest: String
    /// The file's text encoding, `UTF-8` or `Windows-1252`.
    public var encoding: String
    /// The field separator, `,` or `;`.
    public var separator: String
    /// Whether this was a dry run that stored nothing.
    public var dryRun: Bool
}

/// Progress of a long import, for a progress bar.
public struct ImportProgress: Sendable {
    /// Bytes of the file read so far.
    public var bytesRead: Int
    /// The file's size in bytes.
    public var totalBytes: Int
    /// Rows read so far.
    public var rows: Int
}

/// The person of one imported row: found (matched) or created.
public struct ImportedRow: Sendable, Equatable {
    /// The row's line in the file.
    public var line: Int
    /// The person's pseudonymous id.
    public var beneficiary: String
    /// Whether the import created the person (else it found them).
    public var created: Bool

    /// The row of line `line`, whose person is `beneficiary`, created by the import or found.
    public init(line: Int, beneficiary: String, created: Bool) {
        self.line = line
        self.beneficiary = beneficiary
        self.created = created
    }
}
