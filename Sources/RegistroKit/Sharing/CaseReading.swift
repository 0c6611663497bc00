/// A case file decided and opened in one transaction, with the audit entries its decisions owe:
/// `SharingService.caseFile` records the entries before it answers with the file (or, when
/// nothing is visible, the refusal).
struct CaseReading {
    /// The case file as the decisions allow it.
    var file: CaseFile
    /// One entry per category decided, in category order.
    var entries: [AuditEvent]
    /// What the reader is answered once the entries are recorded, when nothing is visible.
    var refusal: RegistroError?
    /// The count of changes to what the decisions depend on, as it stood when they were made
    /// (`AccessGate.generation`); `nil` when it could not be read.
    var generation: Int64?
}
