import RegistroKit

extension Catalogue {
    /// A problem as people read it in this language: in Italian, the catalogue's wording of its
    /// typed form when it has one; otherwise the library's English sentence.
    public func problem(_ issue: RegistroError.Issue) -> String {
        guard language == .italian, let key = issue.key else { return issue.problem }
        return message(key)
    }

    /// An error in this language's words when every one of its problems has a typed form (the
    /// problems joined by `; `, without field names: a page shows them beside its fields);
    /// `nil` when some problem has only the library's English sentence.
    public func sentence(_ error: RegistroError) -> String? {
        let keys = error.issues.compactMap(\.key)
        guard keys.count == error.issues.count else { return nil }
        let sentence = keys.map(message).joined(separator: "; ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }

    /// An error as a form's alert says it: each problem after the name of its field as the
    /// catalogue writes it (`Codice fiscale: …`), `; `-separated.
    public func alert(_ error: RegistroError) -> String {
        error.issues.map { issue in
            (issue.field.map { "\(fieldName($0)): " } ?? "") + problem(issue)
        }.joined(separator: "; ")
    }

    /// The name of a field as people know it: the case file's or the delivery table's label, or
    /// the field's own name when the catalogue has neither.
    public func fieldName(_ field: RegistroField) -> String {
        let column = field == .serviceCode ? "service" : field.rawValue
        return strings["case_field_\(field.rawValue)"] ?? strings["column_\(column)"] ?? field.rawValue
    }

    /// A problem of an import file as people read it in this language: in Italian, the
    /// catalogue's wording of its typed form when it has one; otherwise the library's sentence.
    public func problem(_ problem: ImportProblem) -> String {
        guard language == .italian, let key = problem.key else { return problem.message }
        return message(key)
    }

    /// The catalogue's wording of a typed problem, arguments filled in, with any control
    /// character they echo from input (an id, a code, a file name) written as a visible escape
    /// such as `\u{1B}`, as the library's own sentences have it.
    public func message(_ key: RegistroMessage) -> String {
        ControlCharacters.escaped(wording(key), keepingLineFeeds: true)
    }

    /// The catalogue's wording of a typed problem, arguments filled in as given.
    private func wording(_ key: RegistroMessage) -> String {
        switch key {
        case .empty: self["msg_empty"]
        case .emptyForNewPerson: self["msg_empty_for_new_person"]
        case .codiceFiscaleCheckCharacter: self["msg_cf_check_character"]
        case .codiceFiscaleLength(let count): text("msg_cf_length", ["count": String(count)])
        case .codiceFiscaleCharacter(let position): text("msg_cf_character", ["n": String(position)])
        case .unreadableDate: self["msg_date_unreadable"]
        case .dayNotInMonth: self["msg_date_day_not_in_month"]
        case .notLeapYear: self["msg_date_not_leap_year"]
        case .birthDateInFuture: self["msg_birth_date_in_future"]
        case .deliveryInFuture: self["msg_delivery_in_future"]
        case .disagreesWithCodiceFiscale: self["msg_disagrees_with_cf"]
        case .unreadableHours: self["msg_hours_unreadable"]
        case .tooManyHours(let maximum): text("msg_hours_too_many", ["max": String(maximum)])
        case .unknownCode(let kind, let code): text("msg_unknown_code_\(kind.rawValue)", ["code": code])
        case .personNotFound(let id): text("msg_person_not_found", ["id": id])
        case .fileImportedBefore(let day, let user):
            text("msg_file_imported_before", ["date": date(day), "user": user])
        case .consentExpiryPast: self["msg_consent_expiry_past"]
        case .consentWithoutCategory: self["msg_consent_without_category"]
        case .consentSensitiveNeedsExplicit: self["msg_consent_sensitive_needs_explicit"]
        case .consentGrantNotFound(let id): text("msg_consent_grant_not_found", ["id": id])
        case .granteeNotFound(let grantee): text("msg_grantee_not_found", ["grantee": grantee])
        case .emergencyReasonTooShort(let minimum): text("msg_emergency_reason_short", ["min": String(minimum)])
        case .emergencyHoursOutOfRange(let maximum): text("msg_emergency_hours", ["max": String(maximum)])
        case .emergencyNeedsSharedNetwork(let user, let id):
            text("msg_emergency_no_shared_network", ["user": user, "id": id])
        case .emergencyRefused(let user, let id, let reason):
            text(
                "msg_emergency_refused",
                ["user": user, "id": id, "reason": reason.map(denialReason) ?? self["msg_emergency_not_needed"]])
        case .reportNoDimension(let names): text("msg_report_no_dimension", ["names": names])
        case .reportUnknownDimension(let name, let names):
            text("msg_report_unknown_dimension", ["name": name, "names": names])
        case .reportDimensionTwice(let name): text("msg_report_dimension_twice", ["name": name])
        case .reportTooManyDimensions(let maximum): text("msg_report_too_many_dimensions", ["max": String(maximum)])
        case .reportUnknownMeasure(let name, let names):
            text("msg_report_unknown_measure", ["name": name, "names": names])
        case .reportPeriodReversed: self["msg_report_period_reversed"]
        case .reportPeriodStartNotWholeMonth(let day, let first):
            text("msg_report_period_start_month", ["day": day, "first": first])
        case .reportPeriodEndNotWholeMonth(let day, let last):
            text("msg_report_period_end_month", ["day": day, "last": last])
        case .reportMinCellOutOfRange(let maximum): text("msg_report_min_cell", ["max": String(maximum)])
        case .caseClosed(let purpose, let remedy):
            text("msg_case_closed", ["purpose": label(.purpose, purpose), "remedy": self["remedy_\(remedy.rawValue)"]])
        case .actionDenied(let user, let role, let org, let action, let subject, let reason):
            text(
                "msg_action_denied",
                [
                    "user": user, "role": roleName(role), "org": org,
                    "action": actionPhrase(action, subject: subject), "reason": denialReason(reason),
                ])
        case .specialSealingDenied(let user, let role, let org, let reason):
            text(
                "msg_action_denied",
                [
                    "user": user, "role": roleName(role), "org": org, "action": self["action_seal_special"],
                    "reason": denialReason(reason),
                ])
        case .recordingRefused(let reason): text("msg_recording_refused", ["reason": denialReason(reason)])
        case .recordingRefusedToOrganisation: self["msg_recording_refused_to_organisation"]
        case .personErased: self["msg_person_erased"]
        case .witnessLineDamaged(let line, let witness):
            text("msg_witness_line_damaged", ["line": String(line), "witness": witness])
        case .witnessUnreadable(let witness): text("msg_witness_unreadable", ["witness": witness])
        case .userMissing: self["msg_user_missing"]
        case .userNotFound(let id): text("msg_user_not_found", ["id": id])
        case .personErasedNoData: self["msg_person_erased_no_data"]
        case .consentAlreadyRevoked(let id): text("msg_consent_already_revoked", ["id": id])
        case .alreadyRestricted: self["msg_already_restricted"]
        case .notRestricted: self["msg_not_restricted"]
        case .nameWithoutLetter: self["msg_name_without_letter"]
        case .pageOutOfRange(let page, let pages):
            text(
                pages == 1 ? "msg_page_out_of_range_one" : "msg_page_out_of_range",
                ["page": String(page), "pages": String(pages)])
        case .storage(let problem): message(problem)
        case .account(let problem): message(problem)
        case .setUp(let problem): message(problem)
        case .refTaken: self["msg_ref_taken"]
        case .reportDimensionCount(let maximum): text("msg_report_dimension_count", ["max": String(maximum)])
        case .demoTooFewDeliveries: self["msg_demo_too_few_deliveries"]
        case .codiceFiscaleTaken(let id): text("msg_cf_taken", ["id": id])
        case .emergencyAccessNotFound(let id): text("msg_emergency_access_not_found", ["id": id])
        case .emergencyReviewedAlready(let id): text("msg_emergency_reviewed_already", ["id": id])
        case .emergencyReviewerOnly(let user, let role, let org):
            text("msg_emergency_reviewer_only", ["user": user, "role": roleName(role), "org": org])
        case .controlCharacter(let position): text("msg_control_character", ["n": String(position)])
        case .tooLong(let limit): text("msg_too_long", ["max": String(limit)])
        case .idEmpty: self["msg_id_empty"]
        case .idTooLong(let maximum): text("msg_id_too_long", ["max": String(maximum)])
        case .idCharacter(let position): text("msg_id_character", ["n": String(position)])
        case .notOneOf(let option, let value, let allowed):
            text(
                value == nil ? "msg_not_one_of_hidden" : "msg_not_one_of",
                ["option": option, "value": value ?? "", "allowed": allowed])
        case .lookupRefused(let user, let role, let org):
            text("msg_lookup_refused", ["user": user, "role": roleName(role), "org": org])
        }
    }

    /// What a denied user asked to do, as the end of "may not …": about person `subject`, or
    /// about people in general when `nil`.
    func actionPhrase(_ action: AccessAction, subject: String?) -> String {
        let person = subject.map { "`\($0)`" } ?? self["action_this_person"]
        if action == .record && subject == nil { return self["action_record_people"] }
        return text("action_\(action.rawValue)", ["person": person])
    }

    /// Why the policies denied a request, in the words of the job.
    func denialReason(_ reason: AccessDenialReason) -> String {
        switch reason {
        case .restricted: self["remedy_lift_restriction"]
        case .privacyOfficersNeverUse: self["denial_privacy_officers_never_use"]
        case .noRuleAllows: self["denial_no_rule_allows"]
        case .rule(let name): text("denial_rule", ["rule": name])
        }
    }
}

extension Catalogue {
    /// What made a decision, in this language: the determining policies by their ids and names
    /// as the policies spell them (`forbidden by policy3 (`privacy-officers-never-read`)`), or
    /// that none permitted it.
    public func decisionExplanation(_ decision: AccessDecision) -> String {
        guard !decision.policies.isEmpty else {
            return self[decision.isAllowed ? "cli_explain_allowed" : "cli_explain_default_deny"]
        }
        let names = decision.policies.map { policy in policy.name.map { "\(policy.id) (`\($0)`)" } ?? policy.id }
        return text(
            decision.isAllowed ? "cli_explain_permitted_by" : "cli_explain_forbidden_by",
            ["policies": names.joined(separator: ", ")])
    }
}
