/// A beneficiary's fields once validated and normalised.
struct ValidBeneficiary {
    var givenName: String?
    var familyName: String?
    var codiceFiscale: CodiceFiscale?
    var birthDate: CalendarDate?
    var sex: Sex?
    var citizenship: Citizenship?
    var comune: String?
    var phone: String?
    var email: String?
    var address: String?
    /// The ordinary vulnerability codes, kept in clear.
    var vulnerabilities: [String]
    /// The special-category vulnerability codes, kept sealed.
    var specialVulnerabilities: [String] = []
    var ref: String?
    var notes: String?
    var sensitive: String?
}

/// A delivery's fields once validated.
struct ValidDelivery {
    var serviceCode: String
    var date: CalendarDate
    var hours: Double?
    var channel: String?
    var outcome: String?
    var impact: Int?
    var project: String?
    var notes: String?
}

/// A problem with one field of a record: the field's column name and the sentence, which
/// never holds the value.
struct RecordProblem: Equatable {
    /// The column name, e.g. `codice_fiscale`.
    var field: String
    /// What is wrong (and, without a hint, how to fix it).
    var problem: String
    /// Where to look for the fix, when a front end can say it better.
    var hint: RegistroHint?
    /// The problem's typed form, when it has one.
    var key: RegistroMessage?

    /// A problem of `field`: `message`, with an optional `hint` and typed form `key`.
    init(field: String, message: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil) {
        self.field = field
        problem = message
        self.hint = hint
        self.key = key
    }

    /// The problem and its hint, in the library's words.
    var message: String { problem + (hint.map { "; \($0.text)" } ?? "") }
}

/// Validates the raw fields of beneficiaries and deliveries, the same way for the command line
/// and for spreadsheet imports, collecting every problem of a record rather than the first.
struct RecordValidator {
    /// The reference codes to check codes against.
    let catalog: CodeCatalog
    /// The latest date a delivery may have: today.
    let today: CalendarDate

    /// The validated beneficiary, or the problems of its fields. A blank sex is read from the
    /// codice fiscale. Names and sex are not required here: only a new person needs them (see
    /// `requireNewPersonFields`).
    ///
    /// `knownVulnerabilities`, when given, are the codes of `fields.vulnerabilities` as
    /// `vulnerabilityCodes(_:problems:)` read them without a problem (an import reads each distinct
    /// list once): the list is not read again.
    func beneficiary(
        _ fields: BeneficiaryFields, knownVulnerabilities: VulnerabilityCodes? = nil, problems: inout [RecordProblem]
    ) -> ValidBeneficiary {
        var valid = ValidBeneficiary(vulnerabilities: [])
        valid.givenName = check(fields.givenName, "given_name", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.name)
        }
        valid.familyName = check(fields.familyName, "family_name", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.name)
        }
        valid.codiceFiscale = check(fields.codiceFiscale, "codice_fiscale", &problems) { text throws(FieldProblem) in
            try CodiceFiscale(text)
        }
        valid.birthDate = check(fields.birthDate, "birth_date", &problems) { text throws(FieldProblem) in
            let date = try CalendarDate.parse(text)
            guard date <= today else { throw FieldProblem("is in the future; check the year", key: .birthDateInFuture) }
            return date
        }
        valid.sex = check(fields.sex, "sex", &problems) { text throws(FieldProblem) in
            // Exactly as written first (as files almost always write it): no trimmed, upper-cased copy.
            guard let sex = Sex(rawValue: text) ?? Sex(rawValue: TrimmedScan.trimmed(text).uppercased()) else {
                throw FieldProblem(Sex.problem(with: text))
            }
            return sex
        }
        if let code = valid.codiceFiscale {
            agree(&valid, with: code, fields, &problems)
        }
        valid.citizenship = check(fields.citizenship, "citizenship", &problems) { text throws(FieldProblem) in
            guard
                let value = Citizenship(rawValue: text)
                    ?? Citizenship(rawValue: TrimmedScan.trimmed(text).uppercased())
            else {
                throw FieldProblem(Citizenship.problem(with: text))
            }
            return value
        }
        valid.comune = check(fields.comune, "comune", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.comune)
        }
        valid.phone = check(fields.phone, "phone", &problems) { text throws(FieldProblem) in try Phone.validated(text) }
        valid.email = check(fields.email, "email", &problems) { text throws(FieldProblem) in try Email.validated(text) }
        valid.address = check(fields.address, "address", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.address)
        }
        valid.ref = check(fields.ref, "ref", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.reference)
        }
        valid.notes = check(fields.notes, "notes", &problems, multiline: true) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.notes)
        }
        valid.sensitive = check(fields.sensitive, "sensitive", &problems, multiline: true) {
            text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.notes)
        }
        var codes = knownVulnerabilities
        if codes == nil, let list = fields.vulnerabilities {
            codes = vulnerabilityCodes(list, problems: &problems)
        }
        if let codes {
            valid.vulnerabilities = codes.ordinary
            valid.specialVulnerabilities = codes.special
        }
        return valid
    }

    /// The codes of a vulnerability list, each once in the order listed: the ordinary ones and
    /// the special-category ones.
    struct VulnerabilityCodes {
        /// The ordinary codes, kept in clear.
        var ordinary: [String] = []
        /// The special-category codes, kept sealed.
        var special: [String] = []
    }

    /// The codes of `list` (separated by `;` or `,`), sorted into ordinary and special-category
    /// ones; each code that is not a vulnerability code adds a problem and is left out.
    func vulnerabilityCodes(_ list: String, problems: inout [RecordProblem]) -> VulnerabilityCodes {
        var codes = VulnerabilityCodes()
        for code in Self.listedCodes(list) {
            if catalog.specialVulnerabilities.contains(code) {
                if !codes.special.contains(code) { codes.special.append(code) }
            } else if catalog.contains(code, .vulnerability) {
                if !codes.ordinary.contains(code) { codes.ordinary.append(code) }
            } else {
                problems.append(
                    RecordProblem(
                        field: "vulnerabilities",
                        message: "`\(code)` is not a vulnerability code", hint: .listCodes(.vulnerability),
                        key: .unknownCode(.vulnerability, code: code)))
            }
        }
        return codes
    }

    /// The codes of a list separated by `;` or `,`, each without the spaces around it, the empty
    /// ones left out. Reads the UTF-8 bytes in place and makes one string per code: splitting
    /// the text into characters first costs more than the rest of a person's validation.
    static func listedCodes(_ list: String) -> [String] {
        var list = list
        return list.withUTF8 { bytes in
            var codes: [String] = []
            var start = 0
            for end in 0...bytes.count {
                guard end == bytes.count || bytes[end] == UInt8(ascii: ";") || bytes[end] == UInt8(ascii: ",") else {
                    continue
                }
                var first = start
                var last = end
                while first < last && ASCII.isSpace(bytes[first]) { first += 1 }
                while last > first && ASCII.isSpace(bytes[last - 1]) { last -= 1 }
                if first < last {
                    codes.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self))
                }
                start = end + 1
            }
            return codes
        }
    }

    /// Checks the birth date and sex given against those `code` encodes (omocodic codes
    /// included), naming both fields when they disagree; the ones left blank are taken from the
    /// code. A sex of X is not compared: the code only knows F and M. The code's place of birth
    /// is not compared with `comune`, which is where the person lives.
    private func agree(
        _ valid: inout ValidBeneficiary, with code: CodiceFiscale, _ fields: BeneficiaryFields,
        _ problems: inout [RecordProblem]
    ) {
        let codeSex: Sex = code.sex == .female ? .female : .male
        if let sex = valid.sex {
            if sex != .unspecified && sex != codeSex {
                problems.append(
                    RecordProblem(
                        field: "sex",
                        message: "does not agree with the codice_fiscale, which encodes the other sex; check both",
                        key: .disagreesWithCodiceFiscale))
            }
        } else if fields.sex.map({ TrimmedScan.trimmed($0).isEmpty }) ?? true {
            valid.sex = codeSex
        }
        if let date = valid.birthDate {
            if !code.isConsistent(withBirthDate: date) {
                problems.append(
                    RecordProblem(
                        field: "birth_date",
                        message: "does not agree with the birth date the codice_fiscale encodes; check both",
                        key: .disagreesWithCodiceFiscale))
            }
        } else if fields.birthDate.map({ TrimmedScan.trimmed($0).isEmpty }) ?? true {
            valid.birthDate = [2000, 1900].lazy.compactMap { code.birthDate(inCenturyStarting: $0) }
                .first { $0 <= today }
        }
    }

    /// Adds the problems of a beneficiary that would be created from `valid`: a new person
    /// needs a given name, a family name and a sex. Fields already rejected are not named twice.
    func requireNewPersonFields(_ valid: ValidBeneficiary, problems: inout [RecordProblem]) {
        var rejected = Set(problems.map(\.field))
        // A sex left blank was to come from the codice fiscale: its problem says it all.
        if rejected.contains("codice_fiscale") { rejected.insert("sex") }
        for (field, present) in [
            ("given_name", valid.givenName != nil), ("family_name", valid.familyName != nil), ("sex", valid.sex != nil),
        ]
        where !present && !rejected.contains(field) {
            problems.append(
                RecordProblem(
                    field: field, message: "is empty, and a new person needs it; fill it in", key: .emptyForNewPerson))
        }
    }

    /// The validated delivery, or `nil` with the problems of its fields.
    func delivery(_ fields: DeliveryFields, problems: inout [RecordProblem]) -> ValidDelivery? {
        let before = problems.count
        let service = serviceCode(fields.serviceCode, &problems)
        let date = deliveryDate(fields.date, &problems)
        let hours = hours(fields.hours, &problems)
        let channel = channel(fields.channel, &problems)
        let outcome = outcome(fields.outcome, &problems)
        let impact = impact(fields.impact, &problems)
        let project = project(fields.project, &problems)
        let notes = deliveryNotes(fields.notes, &problems)
        guard problems.count == before, let service, let date else { return nil }
        return ValidDelivery(
            serviceCode: service, date: date, hours: hours, channel: channel, outcome: outcome,
            impact: impact, project: project, notes: notes)
    }

    // The fields of a delivery, one by one, in the order `delivery` checks them; an import
    // validates each distinct text of a column once (`ByteMemo`). Each returns `nil` for a
    // blank optional field or after adding its problem.

    /// A delivery's service code (required).
    func serviceCode(_ text: String?, _ problems: inout [RecordProblem]) -> String? {
        required(text, "service_code", &problems) { text throws(FieldProblem) in try code(text, .service) }
    }

    /// A delivery's date (required): not in the future.
    func deliveryDate(_ text: String?, _ problems: inout [RecordProblem]) -> CalendarDate? {
        required(text, "date", &problems) { text throws(FieldProblem) in
            let date = try CalendarDate.parse(text)
            guard date <= today else {
                throw FieldProblem(
                    "is in the future; record deliveries once they happened", key: .deliveryInFuture)
            }
            return date
        }
    }

    /// A delivery's hours.
    func hours(_ text: String?, _ problems: inout [RecordProblem]) -> Double? {
        check(text, "hours", &problems) { text throws(FieldProblem) in try Hours.parse(text) }
    }

    /// A delivery's referral channel code.
    func channel(_ text: String?, _ problems: inout [RecordProblem]) -> String? {
        check(text, "channel", &problems) { text throws(FieldProblem) in try code(text, .channel) }
    }

    /// A delivery's outcome code.
    func outcome(_ text: String?, _ problems: inout [RecordProblem]) -> String? {
        check(text, "outcome", &problems) { text throws(FieldProblem) in try code(text, .outcome) }
    }

    /// A delivery's impact rating.
    func impact(_ text: String?, _ problems: inout [RecordProblem]) -> Int? {
        check(text, "impact", &problems) { text throws(FieldProblem) in try Impact.parse(text) }
    }

    /// A delivery's project.
    func project(_ text: String?, _ problems: inout [RecordProblem]) -> String? {
        check(text, "project", &problems) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.project)
        }
    }

    /// A delivery's notes.
    func deliveryNotes(_ text: String?, _ problems: inout [RecordProblem]) -> String? {
        check(text, "notes", &problems, multiline: true) { text throws(FieldProblem) in
            try TextLimit.checked(text, limit: TextLimit.notes)
        }
    }

    /// `text` trimmed, when it is a code of `kind`.
    private func code(_ text: String, _ kind: CodeKind) throws(FieldProblem) -> String {
        let trimmed = String(TrimmedScan.trimmed(text))
        guard catalog.contains(trimmed, kind) else {
            throw FieldProblem(
                "`\(trimmed)` is not a \(kind.rawValue) code", hint: .listCodes(kind),
                key: .unknownCode(kind, code: trimmed))
        }
        return trimmed
    }

    /// The checked value of an optional field: `nil` when blank; a problem when `validate`
    /// rejects it or it holds control characters.
    private func check<T>(
        _ text: String?, _ field: String, _ problems: inout [RecordProblem], multiline: Bool = false,
        _ validate: (String) throws(FieldProblem) -> T
    ) -> T? {
        guard let text, !TrimmedScan.isBlank(text) else { return nil }
        if let position = ControlCharacters.firstPosition(in: text, allowingLineBreaks: multiline) {
            problems.append(
                RecordProblem(
                    field: field, message: "character \(position) is a control character; remove it",
                    key: .controlCharacter(position: position)))
            return nil
        }
        do {
            return try validate(text)
        } catch {
            problems.append(RecordProblem(field: field, message: error.message, hint: error.hint, key: error.key))
            return nil
        }
    }

    /// Like `check`, with a problem when the field is blank.
    private func required<T>(
        _ text: String?, _ field: String, _ problems: inout [RecordProblem],
        _ validate: (String) throws(FieldProblem) -> T
    ) -> T? {
        guard let text, !TrimmedScan.isBlank(text) else {
            problems.append(RecordProblem(field: field, message: "is empty; fill it in", key: .empty))
            return nil
        }
        return check(text, field, &problems, validate)
    }
}
