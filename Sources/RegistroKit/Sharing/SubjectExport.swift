/// Everything the registry holds about a person, for them (GDPR art. 15 and 20): their data,
/// their deliveries by every organisation, their consent grants, and the organisations that
/// received their data.
public struct SubjectExport: Sendable {
    /// A need (vulnerability) recorded for the person, and which organisation recorded it.
    public struct Need: Sendable, Equatable {
        /// The vulnerability code.
        public internal(set) var code: String
        /// The organisation that recorded it.
        public internal(set) var recordedBy: String
    }

    /// The person's statistical data, kept in clear for reports.
    public struct StatisticalData: Sendable, Equatable {
        /// Sex, as recorded.
        public internal(set) var sex: String?
        /// Year of birth.
        public internal(set) var birthYear: Int64?
        /// Citizenship.
        public internal(set) var citizenship: String?
        /// The comune of residence.
        public internal(set) var comune: String?
    }

    /// The person, by pseudonymous id.
    public internal(set) var beneficiary: String
    /// The organisation that owns the record.
    public internal(set) var owner: String
    /// When the record was made (UTC).
    public internal(set) var recordedAt: String
    /// The owner's file number, if any.
    public internal(set) var ref: String?
    /// The personal fields, opened, by column name in display order; `nil` where not recorded.
    public internal(set) var personalData: [(name: String, value: String?)]
    /// The statistical fields.
    public internal(set) var statisticalData: StatisticalData
    /// The needs recorded in clear, by code then organisation.
    public internal(set) var vulnerabilities: [Need]
    /// The special-category needs (health, disability and the like), kept sealed and opened
    /// for the export.
    public internal(set) var specialVulnerabilities: [Need]
    /// Every organisation's deliveries to the person, by date, notes opened.
    public internal(set) var deliveries: [CaseFile.Delivery]
    /// The person's consent grants, with their status now.
    public internal(set) var consents: [ConsentGrant]
    /// The organisations other than the owner that received the person's data.
    public internal(set) var recipients: [String]
    /// When the export was made (UTC).
    public internal(set) var exportedAt: String
}
