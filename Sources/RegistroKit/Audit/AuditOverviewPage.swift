extension AuditOverview {
    /// The overview as a standalone HTML page: inline style, no script, nothing fetched from
    /// the network, so it can be archived or mailed as it is.
    ///
    /// - Parameter verification: The outcome of verifying the log, shown at the top.
    public func html(verification: AuditVerification) -> String {
        var body = HTMLPage.paragraph(
            verification.isValid ? "The audit log verifies." : "The audit log does not verify.",
            class: verification.isValid ? "ok" : "alert")
        body += HTMLPage.paragraph(verification.summary, class: "small")
        body += HTMLPage.table(
            columns: ["entries", "first", "last", "denials", "last checkpoint"],
            rows: [[
                String(entries), firstTime ?? "", lastTime ?? "", String(denials),
                lastCheckpoint.map { "entry \($0.seq), \($0.time)" } ?? "none",
            ]])
        body += HTMLPage.section("Denials by organisation", empty: "No denial.", columns: ["org", "actions", "denials", "last"],
                     rows: denialsByOrganisation.map { [$0.org ?? "", $0.actions.joined(separator: ", "), String($0.count), $0.lastTime] })
        body += HTMLPage.section("Denials by user", empty: "No denial.", columns: ["org", "user", "actions", "denials", "last"],
                     rows: denialsByUser.map { [$0.org ?? "", $0.actor ?? "", $0.actions.joined(separator: ", "), String($0.count), $0.lastTime] })
        body += HTMLPage.section("Emergency accesses", empty: "No emergency access.",
                     columns: ["seq", "time", "user", "org", "action", "person", "category", "purpose", "emergency", "decision"],
                     rows: emergencyAccesses.map {
                         [String($0.seq), $0.time, $0.actor ?? "", $0.org ?? "", $0.action, $0.subject ?? "", $0.category ?? "",
                          $0.purpose ?? "", $0.emergencyReference ?? "", $0.decision]
                     })
        body += HTMLPage.section("Reads of sensitive data", empty: "No read of the sensitive category.",
                     columns: ["seq", "time", "user", "org", "action", "person", "purpose", "consents", "emergency"],
                     rows: sensitiveReads.map {
                         [String($0.seq), $0.time, $0.actor ?? "", $0.org ?? "", $0.action, $0.subject ?? "", $0.purpose ?? "",
                          $0.consents.joined(separator: ", "), $0.emergency ? "yes" : ""]
                     })
        body += HTMLPage.section("Reads under consents since withdrawn", empty: "No read relied on a consent withdrawn since.",
                     columns: ["seq", "time", "user", "org", "person", "category", "purpose", "consent", "withdrawn"],
                     rows: readsUnderWithdrawnConsent.map {
                         [String($0.read.seq), $0.read.time, $0.read.actor ?? "", $0.read.org ?? "", $0.read.subject ?? "",
                          $0.read.category ?? "", $0.read.purpose ?? "", $0.consent, $0.revokedAt]
                     })
        body += HTMLPage.section(
            "Organisations that started serving another's person", empty: "Every delivery is by the person's owner.",
            columns: ["org", "person", "owner", "since", "deliveries"],
            rows: servingStarts.map { [$0.org, $0.beneficiary, $0.owner, $0.since, String($0.deliveries)] })
        return HTMLPage(title: "Audit overview", subtitle: "Registro: who accessed what, and what was refused", body: body).rendered()
    }
}
