/// The commonest problems a social worker meets, in a typed form a front end words in its own
/// language (a message key and its arguments), beside the library's English sentence. None
/// carries a personal value: only codes, ids, positions and counts.
public enum RegistroMessage: Sendable, Equatable {
    /// The field is empty and must be filled in.
    case empty
    /// The field is empty, and a new person needs it.
    case emptyForNewPerson
    /// A codice fiscale whose last character is not the check character of the first 15.
    case codiceFiscaleCheckCharacter
    /// A codice fiscale with this many characters instead of 16.
    case codiceFiscaleLength(Int)
    /// A codice fiscale whose character at this 1-based position cannot stand there.
    case codiceFiscaleCharacter(position: Int)
    /// A date that cannot be read as `GG/MM/AAAA` or `AAAA-MM-GG`.
    case unreadableDate
    /// A day the month does not have (31 November).
    case dayNotInMonth
    /// 29 February of a year that is not a leap year.
    case notLeapYear
    /// A birth date after today.
    case birthDateInFuture
    /// A delivery dated after today.
    case deliveryInFuture
    /// A sex or birth date that disagrees with the one the codice fiscale encodes.
    case disagreesWithCodiceFiscale
    /// Hours that cannot be read as a number of hours with at most two decimals.
    case unreadableHours
    /// More hours than one delivery may have.
    case tooManyHours(maximum: Int)
    /// A code missing from the list of its kind.
    case unknownCode(CodeKind, code: String)
    /// A person's id that names nobody the user may know of.
    case personNotFound(String)
    /// A file imported before, on this day (`AAAA-MM-GG`) by this user.
    case fileImportedBefore(day: String, user: String)
    /// A consent that would expire in the past.
    case consentExpiryPast
    /// A consent naming no category of data.
    case consentWithoutCategory
    /// A consent sharing special-category data without the person's explicit consent.
    case consentSensitiveNeedsExplicit
    /// A consent grant id that names none.
    case consentGrantNotFound(String)
    /// An organisation or network that does not exist, named as a consent's grantee.
    case granteeNotFound(String)
    /// An emergency access whose reason is shorter than `minimum` characters.
    case emergencyReasonTooShort(minimum: Int)
    /// An emergency access asked for more than `maximum` hours, or fewer than one.
    case emergencyHoursOutOfRange(maximum: Int)
    /// An emergency access by `user` on person `id`, whose owner shares no network with the user's.
    case emergencyNeedsSharedNetwork(user: String, id: String)
    /// An emergency access `user` may not open on person `id`, for `reason`; `nil` when the case
    /// file is open to the user already without one.
    case emergencyRefused(user: String, id: String, reason: AccessDenialReason?)
    /// A report without any dimension; `names` lists the dimensions.
    case reportNoDimension(names: String)
    /// A report dimension `name` that does not exist; `names` lists the dimensions.
    case reportUnknownDimension(String, names: String)
    /// A report dimension named twice.
    case reportDimensionTwice(String)
    /// More than `maximum` report dimensions at once.
    case reportTooManyDimensions(maximum: Int)
    /// A report measure `name` that does not exist; `names` lists the measures.
    case reportUnknownMeasure(String, names: String)
    /// A report period that ends before it starts.
    case reportPeriodReversed
    /// A perturbed report's period starting on `day`, not on the first of its month `first`.
    case reportPeriodStartNotWholeMonth(day: String, first: String)
    /// A perturbed report's period ending on `day`, not on the last of its month `last`.
    case reportPeriodEndNotWholeMonth(day: String, last: String)
    /// A minimum cell size outside 1 … `maximum`.
    case reportMinCellOutOfRange(maximum: Int)
    /// A person's case file that shows the user nothing for `purpose`, and what would open it.
    case caseClosed(purpose: String, remedy: AccessRemedy)
    /// `user` (of `role`, in `org`) may not do `action` (on person `subject`, when one), for `reason`.
    case actionDenied(
        user: String, role: Role, org: String, action: AccessAction, subject: String?,
        reason: AccessDenialReason)
    /// `user` (of `role`, in `org`) may not seal the special-category vulnerabilities an older
    /// registro kept in clear (`keys seal-special`, which the policies' `rotate_keys` decides), for `reason`.
    case specialSealingDenied(user: String, role: Role, org: String, reason: AccessDenialReason)
    /// An import row's person whose data the importing user may not use, for `reason`.
    case recordingRefused(AccessDenialReason)
    /// An import row's person whose data the importing user's organisation may not use (the
    /// organisation is not told why: it has no relationship to the person).
    case recordingRefusedToOrganisation
    /// A person erased: nothing more is recorded about them.
    case personErased
    /// Line `line` of the witness `witness` that is neither a checkpoint nor one cut short.
    case witnessLineDamaged(line: Int, witness: String)
    /// A witness file that cannot be read.
    case witnessUnreadable(String)
    /// No user named for a command that acts on behalf of one.
    case userMissing
    /// A user id that names no user of the registry.
    case userNotFound(String)
    /// A person erased, whose personal data no longer exists to export or restrict.
    case personErasedNoData
    /// A consent grant revoked already.
    case consentAlreadyRevoked(String)
    /// A person restricted already.
    case alreadyRestricted
    /// A person whose data is not restricted, so there is no restriction to lift.
    case notRestricted
    /// A name to search for without a letter.
    case nameWithoutLetter
    /// A page number outside 1 … `pages`.
    case pageOutOfRange(page: Int, pages: Int)
    /// A problem of the registry's files: the database, the keyring, its passphrase.
    case storage(Storage)
    /// A problem of an account, a token, or of who manages users and the set-up.
    case account(Account)
    /// A problem of the registry's set-up: networks, organisations, users.
    case setUp(SetUp)
    /// A file number the user's organisation gives another person already.
    case refTaken
    /// A codice fiscale of a person in the registry already, as `id`.
    case codiceFiscaleTaken(id: String)
    /// A report asked with no dimension or more than `maximum`.
    case reportDimensionCount(maximum: Int)
    /// A demonstration asked with fewer deliveries than people, or none.
    case demoTooFewDeliveries
    /// An emergency access id that names none.
    case emergencyAccessNotFound(String)
    /// An emergency access reviewed already.
    case emergencyReviewedAlready(String)
    /// `user` (of `role`, in `org`) may not review emergency accesses: only a privacy officer of
    /// the person's owner does.
    case emergencyReviewerOnly(user: String, role: Role, org: String)
    /// A text whose character at this 1-based position is a control character.
    case controlCharacter(position: Int)
    /// A text longer than `limit` characters.
    case tooLong(limit: Int)
    /// An id (of an organisation, a user, a network) left empty.
    case idEmpty
    /// An id longer than `maximum` characters.
    case idTooLong(maximum: Int)
    /// An id whose character at this 1-based position an id may not have.
    case idCharacter(position: Int)
    /// A value of `option` that is not one of `allowed` (`value` is `nil` when it may not be
    /// shown).
    case notOneOf(option: String, value: String?, allowed: String)
    /// `user` (of `role`, in `org`) may not look up a codice fiscale: the person is not told
    /// why, nor whether anyone has it.
    case lookupRefused(user: String, role: Role, org: String)
}

/// What would open data a decision closes to a user, in the terms of the job.
public enum AccessRemedy: String, Sendable, Equatable {
    /// The person's consent for this purpose.
    case consent
    /// The person's consent for this purpose, or an emergency access (a network partner's,
    /// for a person at risk).
    case consentOrEmergency = "consent_or_emergency"
    /// The privacy officer lifting the person's restriction.
    case liftRestriction = "lift_restriction"
    /// Nothing the user can ask for: a rule of the registry forbids it (a privacy officer
    /// audits reads but never reads people's data).
    case none
}
