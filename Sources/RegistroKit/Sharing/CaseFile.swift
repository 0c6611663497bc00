/// A beneficiary's case file as one user may see it for one purpose: every category of SPEC §3,
/// visible with its data or hidden with the reason, and the deliveries the user may see.
public struct CaseFile: Sendable {
    /// One category of the case file.
    public struct Section: Sendable {
        /// The category.
        public var category: CaseCategory
        /// Whether the user may see it.
        public var visible: Bool
        /// Its data, in display order, when visible.
        public var data: [(String, JSONValue)]
        /// Why it is hidden, or what allowed it.
        public var reason: String
    }

    /// A delivery the user may see.
    public struct Delivery: Sendable {
        /// The delivery's id.
        public var id: Int64
        /// The organisation that delivered it.
        public var org: String
        /// The service code.
        public var serviceCode: String
        /// The date, ISO.
        public var date: String
        /// Hours, if recorded.
        public var hours: Double?
        /// Referral channel.
        public var channel: String?
        /// Outcome.
        public var outcome: String?
        /// Impact, 1 to 10.
        public var impact: Int?
        /// Funding line.
        public var project: String?
        /// Its notes, when the user may read them.
        public var notes: String?
    }

    /// The person, by pseudonymous id.
    public var beneficiary: String
    /// The organisation that owns the record.
    public var owner: String
    /// The purpose of the reading.
    public var purpose: String
    /// The six categories, in `CaseCategory` order.
    public var sections: [Section]
    /// The deliveries shown: the user's organisation's own, and every organisation's where
    /// `services` is visible.
    public var deliveries: [Delivery]
    /// The emergency access under which the case was read, if any: its id and end (UTC).
    public var emergency: (id: String, until: String)?

    /// Whether anything at all is visible.
    public var anythingVisible: Bool {
        sections.contains(where: \.visible) || !deliveries.isEmpty
    }
}
