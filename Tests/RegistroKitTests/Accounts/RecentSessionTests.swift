import Foundation
import GRDB
import Testing

@testable import RegistroKit
import RegistroTestSupport

/// Whose a session was after it ended: what ties a form posted too late to its user, from the
/// database, whatever the server's memory holds.
@Suite("accounts: the user of a session that ended lately")
struct RecentSessionTests {
    @Test("an ended session names its user, signing nobody in, for a session's lifetime after its last use")
    func endedSessionNamesItsUserForALifetime() throws {
        let fixture = try AccountFixture()
        try fixture.registry.session(as: "admin").organisations.addUser(
            Operator(id: "sw2", name: "Collega", org: "alfa", role: .socialWorker))
        try fixture.accounts.setPassword(AccountFixture.password, for: "sw2")
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        #expect(try fixture.accounts.userOfRecentSession(token: grant.token) == "sw")
        fixture.clock.advance(31 * 60)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
        // Another login forgets only the sessions unused for a whole lifetime.
        _ = try fixture.accounts.logIn(LoginAttempt(user: "sw2", password: AccountFixture.password))
        #expect(try fixture.accounts.userOfRecentSession(token: grant.token) == "sw")
        fixture.clock.advance(12 * 60 * 60 - 31 * 60 - 1)
        #expect(try fixture.accounts.userOfRecentSession(token: grant.token) == "sw")
        fixture.clock.advance(2)
        #expect(try fixture.accounts.userOfRecentSession(token: grant.token) == nil)
        _ = try fixture.accounts.logIn(LoginAttempt(user: "sw2", password: AccountFixture.password))
        let left = try fixture.registry.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_session WHERE user_id = 'sw'")
        }
        #expect(left == 0, "the session unused for a lifetime is deleted at the next login")
    }

    @Test("a session logged out of, or of a disabled account, or a token never issued names nobody")
    func endedOnPurposeNamesNobody() throws {
        let fixture = try AccountFixture()
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        let loggedOut = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        try fixture.accounts.endSession(token: loggedOut.token, of: loggedOut.user)
        #expect(try fixture.accounts.userOfRecentSession(token: loggedOut.token) == nil)
        let disabled = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        try fixture.accounts.disable("sw", by: admin)
        #expect(try fixture.accounts.userOfRecentSession(token: disabled.token) == nil)
        #expect(try fixture.accounts.userOfRecentSession(token: "not-a-token") == nil)
    }
}
