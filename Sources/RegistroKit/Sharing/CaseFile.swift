/// A beneficiary's case file as one user may see it for one purpose: every category of the case file,
/// visible with its data or hidden with the reason, and the deliveries the user may see.
public struct CaseFile: Sendable {
    /// One category of the case file.
    public struct Section: Sendable {
        /// The category.
        public internal(set) var category: CaseCategory
        /// Whether the user may see it.
        public internal(set) var visible: Bool
        /// Its data, in display order, when visible.
        public internal(set) var data: [(String, JSONValue)]
        /// Why it is hidden, or what allowed it.
        public internal(set) var reason: String
    }

    /// A delivery the user may see.
    public struct Delivery: Sendable {
        /// The delivery's id.
        public internal(set) var id: Int64
        /// The organisation that delivered it.
        public internal(set) var org: String
        /// The service code.
        public internal(set) var serviceCode: String
        /// The date, ISO.
        public internal(set) var date: String
        /// Hours, if recorded.
        public internal(set) var hours: Double?
        /// Referral channel.
        public internal(set) var channel: String?
        /// Outcome.
        public internal(set) var outcome: String?
        /// Impact, 1 to 10.
        public internal(set) var impact: Int?
        /// Funding line.
        public internal(set) var project: String?
        /// Its notes, when the user may read them.
        public internal(set) var notes: String?
    }

    /// The person, by pseudonymous id.
    public internal(set) var beneficiary: String
    /// The organisation that owns the record.
    public internal(set) var owner: String
    /// The purpose of the reading.
    public internal(set) var purpose: String
    /// The six categories, in `CaseCategory` order.
    public internal(set) var sections: [Section]
    /// The deliveries shown: the user's organisation's own, and every organisation's where
    /// `services` is visible.
    public internal(set) var deliveries: [Delivery]
    /// The emergency access under which the case was read, if any: its id and end (UTC).
    public internal(set) var emergency: (id: String, until: String)?

    /// Whether anything at all is visible.
    public var anythingVisible: Bool {
        sections.contains(where: \.visible) || !deliveries.isEmpty
    }
}
