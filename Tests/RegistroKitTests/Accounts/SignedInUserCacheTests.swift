import Foundation
import GRDB
import Testing

@testable import RegistroKit
import RegistroTestSupport

/// The tokens checked in the last second are answered from memory; every change to sessions,
/// tokens or accounts must still take effect at the next request.
@Suite("accounts: tokens answered from memory, and every change seen at once")
struct SignedInUserCacheTests {
    static let worker = Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker)
    static let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)

    @Test("a token checked less than a second ago is answered from memory, by its digest, with the same user")
    func answeredFromMemory() throws {
        let fixture = try AccountFixture()
        let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
        let first = try #require(try fixture.accounts.user(forAPIToken: created.token))
        // Deleted behind the accounts' back: only an answer from memory still knows the token.
        try fixture.registry.database.write { db in try db.execute(sql: "DELETE FROM api_token") }
        #expect(try fixture.accounts.user(forAPIToken: created.token) == first)
        fixture.clock.advance(SignedInUserCache.freshness)
        #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)
    }

    @Test("a token is remembered only as the credential it was checked as, and only until its second is over")
    func rememberedOnlyAsItsOwnCredential() throws {
        let fixture = try AccountFixture()
        let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        #expect(fixture.accounts.rememberedUser(forAPIToken: created.token) == nil, "not checked yet")
        let byToken = try #require(try fixture.accounts.user(forAPIToken: created.token))
        let bySession = try #require(try fixture.accounts.user(forSessionToken: grant.token))
        #expect(fixture.accounts.rememberedUser(forAPIToken: created.token) == byToken)
        #expect(fixture.accounts.rememberedUser(forSessionToken: grant.token) == bySession)
        // An API token sent as a session cookie would skip the CSRF check: never answered so.
        #expect(fixture.accounts.rememberedUser(forSessionToken: created.token) == nil)
        #expect(try fixture.accounts.user(forSessionToken: created.token) == nil)
        #expect(fixture.accounts.rememberedUser(forAPIToken: grant.token) == nil)
        fixture.clock.advance(SignedInUserCache.freshness)
        #expect(fixture.accounts.rememberedUser(forAPIToken: created.token) == nil)
        #expect(fixture.accounts.rememberedUser(forSessionToken: grant.token) == nil)
    }

    @Test("a revoked API token is refused at the next request, though it was just answered")
    func revocationAtOnce() throws {
        let fixture = try AccountFixture()
        let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
        #expect(try fixture.accounts.user(forAPIToken: created.token)?.user.id == "sw")
        #expect(try fixture.accounts.user(forAPIToken: created.token)?.user.id == "sw")
        try fixture.accounts.revokeAPIToken(created.id, by: Self.worker)
        #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)
    }

    @Test("logout ends a session at once, though it was just checked")
    func logoutAtOnce() throws {
        let fixture = try AccountFixture()
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        #expect(try fixture.accounts.user(forSessionToken: grant.token)?.user.id == "sw")
        try fixture.accounts.endSession(token: grant.token, of: grant.user)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
    }

    @Test("disabling a user refuses their session and token at once")
    func disabledAtOnce() throws {
        let fixture = try AccountFixture()
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) != nil)
        #expect(try fixture.accounts.user(forAPIToken: created.token) != nil)
        try fixture.accounts.disable("sw", by: Self.admin)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
        #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)
    }

    @Test("a password set by the admin or the operator refuses the old session and token at once")
    func passwordChangeAtOnce() throws {
        let fixture = try AccountFixture()
        for change in [
            { try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "sw", by: Self.admin) },
            { try fixture.accounts.setPassword(AccountFixture.password, for: "sw") },
        ] {
            let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
            let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
            #expect(try fixture.accounts.user(forSessionToken: grant.token) != nil)
            #expect(try fixture.accounts.user(forAPIToken: created.token) != nil)
            try change()
            #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
            #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)
            try fixture.accounts.setPassword(AccountFixture.password, for: "sw")
        }
    }

    @Test("a token revoked by another program on the same database is refused within a second")
    func otherProgramWithinTheBound() throws {
        let fixture = try AccountFixture()
        let created = try fixture.accounts.createAPIToken(for: Self.worker, name: "script", expiresInDays: 1)
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        #expect(try fixture.accounts.user(forAPIToken: created.token) != nil)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) != nil)
        // The operator's command line: its own registry and accounts on the same files.
        let operatorRegistry = try Registry.open(at: fixture.registry.location, passphrase: { "" })
        try operatorRegistry.accounts(rules: fixture.accounts.rules).setPassword("una nuova password", for: "sw")
        fixture.clock.advance(SignedInUserCache.freshness)
        #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
    }

    @Test("a check that read the registry before a change is not remembered after it")
    func staleCheckNotRemembered() throws {
        let fixture = try AccountFixture()
        let cache = SignedInUserCache()
        let session = try fixture.registry.session(as: "sw")
        let user = SignedInUser(session: session, credential: .apiToken(id: "T1"))
        let digest = Accounts.digest(ofToken: "rgt_example")
        let now = fixture.clock.now
        let generation = cache.generation
        cache.forgetAll()
        cache.remember(user, for: digest, checkedAt: now, generation: generation)
        #expect(cache.user(for: digest, at: now) == nil)
        cache.remember(user, for: digest, checkedAt: now, generation: cache.generation)
        #expect(cache.user(for: digest, at: now) == user)
        #expect(cache.user(for: digest, at: now.addingTimeInterval(-1)) == nil)
    }
}
