/// A case file shared with the user's organisation by consent, as a list shows it: nothing
/// sealed, only who, which organisation owns them, for what and which categories.
public struct SharedCaseFile: Sendable, Equatable {
    /// The person's pseudonymous id.
    public var beneficiary: String
    /// The organisation that owns the person.
    public var owner: String
    /// The purpose the consent was given for.
    public var purpose: String
    /// The categories the active consents share, in `CaseCategory` order.
    public var categories: [CaseCategory]
    /// When the first of those consents was given (UTC, ISO 8601).
    public var since: String
}

/// One page of the case files shared with the user's organisation, oldest consent first.
public struct SharedCaseFilePage: Sendable, Equatable {
    /// The case files on this page.
    public var files: [SharedCaseFile]
    /// This page's number, from 1.
    public var page: Int
    /// How many pages there are (at least 1).
    public var pageCount: Int
    /// How many case files are shared in all.
    public var total: Int
}
