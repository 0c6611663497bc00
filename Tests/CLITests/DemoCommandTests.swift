import Testing

@Suite("registro demo")
struct DemoCommandTests {
    @Test("shows a consent, a partner's case view and an emergency access, and ends with the reports")
    func demoShowsSharingAndReports() throws {
        let registry = try TemporaryRegistry()
        let output = try registry.succeed(["demo", "--beneficiaries", "200", "--deliveries", "1200"])
        #expect(output.contains("Sharing:") && output.contains("recorded consent C"))
        #expect(output.contains("Case file B"))
        #expect(output.contains("Emergency:") && output.contains("broke the glass"))
        #expect(output.contains("Overlaps (registro report overlaps):"))
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM emergency_access") == 1)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM consent_grant") == 1)
    }

    @Test("a registry too small for anyone to be served by two organisations says so instead of failing")
    func tinyDemoSaysThereIsNothingToShare() throws {
        let registry = try TemporaryRegistry()
        let output = try registry.succeed(["demo", "--beneficiaries", "1", "--deliveries", "200"])
        #expect(output.contains("nobody in a registry this small is served by two organisations"))
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM consent_grant") == 0)
    }
}
