import Foundation

/// One person of the user's organisation as a list shows them: nothing sealed.
public struct OwnBeneficiary: Sendable, Equatable {
    /// The pseudonymous id.
    public var id: String
    /// The organisation's own file number, if any.
    public var ref: String?
    /// When the person was recorded (ISO 8601).
    public var createdAt: String
}

/// One page of the organisation's own people, oldest first.
public struct OwnBeneficiaryPage: Sendable, Equatable {
    /// The people on this page.
    public var people: [OwnBeneficiary]
    /// This page's number, from 1.
    public var page: Int
    /// How many pages there are (at least 1).
    public var pageCount: Int
    /// How many people the organisation has in all.
    public var total: Int
}

extension RecordsService {
    /// How many people a page of `listOwnBeneficiaries` holds.
    public static let pageSize = 50

    /// The pseudonymous id of the person of the user's organisation with file number `ref`;
    /// `nil` when it has none. Audited as a lookup, like a search by codice fiscale. A person
    /// whose data is restricted is not found.
    ///
    /// - Throws: `RegistroError` for a user who may not look people up.
    public func findOwnBeneficiary(ref: String) throws -> String? {
        let user = session.user
        let wanted = String(TrimmedScan.trimmed(ref))
        return try session.registry.writeAuditing { db in
            try Registry.require(
                .lookup, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .lookup)
            let found = try OwnBeneficiaryRecord.id(ofRef: wanted, owner: user.org, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .lookup, resource: found.map(AuditResource.beneficiary), subject: found,
                    category: .identity, decision: .allow, detail: found == nil ? "nobody found by ref" : "by ref"),
                in: db)
            return found
        }
    }

    /// The pseudonymous ids of the people of the user's organisation whose given and family
    /// names contain `name`, compared without case, accents, apostrophes or spaces
    /// ("dellacqua" finds "Dell'Acqua"). Only the organisation's own people are opened, not
    /// those whose data is restricted; each person found is audited as a lookup.
    ///
    /// - Throws: `RegistroError` when `name` has no letter, or for a user who may not look up.
    public func findOwnBeneficiaries(name: String) throws -> [String] {
        let wanted = Self.normalisedName(name)
        guard !wanted.isEmpty else {
            throw RegistroError.invalidData(
                .name, "has no letter to search for; give part of a name, such as Rossi", key: .nameWithoutLetter)
        }
        let keys = try session.keys()
        let user = session.user
        return try session.registry.writeAuditing { db in
            try Registry.require(
                .lookup, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .lookup)
            let ids = try OwnBeneficiaryRecord.namedIDs(owner: user.org, db)
            var found: [String] = []
            for id in ids {
                let fields = try Registry.personalFields(of: id, keys: keys, db)
                let given = Self.normalisedName(fields["given_name"] ?? "")
                let family = Self.normalisedName(fields["family_name"] ?? "")
                if (given + family).contains(wanted) || (family + given).contains(wanted) { found.append(id) }
            }
            for id in found {
                try AuditLog.append(
                    AuditEvent(
                        by: user, action: .lookup, resource: .beneficiary(id), subject: id, category: .identity,
                        decision: .allow, detail: "by name"),
                    in: db)
            }
            if found.isEmpty {
                try AuditLog.append(
                    AuditEvent(
                        by: user, action: .lookup, category: .identity, decision: .allow,
                        detail: "nobody found by name"),
                    in: db)
            }
            return found
        }
    }

    /// Page `page` (from 1) of the people the user's organisation recorded, oldest first, by id
    /// and file number only. Audited as a lookup of the page.
    ///
    /// - Throws: `RegistroError` for a page below 1 or past the last, or for a user who may not
    ///   look people up.
    public func listOwnBeneficiaries(page: Int) throws -> OwnBeneficiaryPage {
        let user = session.user
        return try session.registry.writeAuditing { db in
            try Registry.require(
                .lookup, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .lookup)
            let total = try OwnBeneficiaryRecord.count(owner: user.org, db)
            let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
            guard page >= 1, page <= pageCount else {
                throw RegistroError.invalidData(
                    .page, "\(page) is not a page: there \(pageCount == 1 ? "is 1 page" : "are \(pageCount) pages")",
                    key: .pageOutOfRange(page: page, pages: pageCount))
            }
            let people = try OwnBeneficiaryRecord.page(
                owner: user.org, limit: Self.pageSize, offset: (page - 1) * Self.pageSize, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .lookup, category: .identity, decision: .allow,
                    detail: "list page \(page)"),
                in: db)
            return OwnBeneficiaryPage(
                people: people,
                page: page, pageCount: pageCount, total: total)
        }
    }

    /// A name as searches compare it: lower case, accents removed, letters and digits only.
    static func normalisedName(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
