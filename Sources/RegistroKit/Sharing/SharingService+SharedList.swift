import Foundation

extension SharingService {
    /// How many case files a page of `sharedCaseFiles` holds.
    public static let sharedPageSize = 50

    /// Page `page` (from 1) of the case files other organisations share with the user's
    /// organisation by an active consent (to it, or to a network it belonged to when the consent
    /// was given), one entry per person and purpose; restricted and erased people are left out.
    /// The list holds ids, owners, purposes and categories only, no personal field; reading it is
    /// audited as a lookup of the page, as the list of the organisation's own people is.
    ///
    /// - Throws: `RegistroError` for a page below 1 or past the last, or for a user who may not
    ///   look people up.
    public func sharedCaseFiles(page: Int) throws -> SharedCaseFilePage {
        let user = session.user
        let today = session.today()
        return try session.registry.writeAuditing { db in
            try Registry.require(
                .lookup, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .lookup)
            let total = try SharedCaseFileRows.count(org: user.org, today: today, db)
            let pageCount = max(1, (total + Self.sharedPageSize - 1) / Self.sharedPageSize)
            guard page >= 1, page <= pageCount else {
                throw RegistroError.invalidData(
                    .page, "\(page) is not a page: there \(pageCount == 1 ? "is 1 page" : "are \(pageCount) pages")",
                    key: .pageOutOfRange(page: page, pages: pageCount))
            }
            let files = try SharedCaseFileRows.page(
                org: user.org, today: today, limit: Self.sharedPageSize, offset: (page - 1) * Self.sharedPageSize, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .lookup, category: .identity, decision: .allow,
                    detail: "shared case files page \(page)"),
                in: db)
            return SharedCaseFilePage(files: files, page: page, pageCount: pageCount, total: total)
        }
    }
}
