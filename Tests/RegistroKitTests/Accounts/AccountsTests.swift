import Foundation
import GRDB
import RegistroTestSupport
import Testing

@testable import RegistroKit

@Suite("accounts: passwords, lockout, TOTP, sessions and tokens")
struct AccountsTests {
    @Test("the right password opens a session whose token is stored only as its digest")
    func passwordLogin() throws {
        let fixture = try AccountFixture()
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        #expect(grant.user.id == "sw")
        #expect(try fixture.accounts.user(forSessionToken: grant.token)?.user.id == "sw")
        let stored = try fixture.registry.database.read { db in
            try Data.fetchAll(db, sql: "SELECT token_digest FROM login_session")
        }
        #expect(stored == [Accounts.digest(ofToken: grant.token)])
        #expect(try fixture.loginAudit() == ["allow "])
    }

    @Test("an unknown user and a wrong password get the same refusal, and both are audited")
    func unknownUserAndWrongPasswordAlike() throws {
        let fixture = try AccountFixture()
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "nobody", password: AccountFixture.password))
        }
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "wrong password!"))
        }
        #expect(try fixture.loginAudit() == ["deny unknown user or no password", "deny wrong password"])
    }

    @Test("five failures in a row lock the account for 15 minutes, even against the right password")
    func lockoutAndItsExpiry() throws {
        let fixture = try AccountFixture()
        for _ in 0..<5 {
            #expect(throws: LoginRefusal.invalidCredentials) {
                try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "wrong password!"))
            }
        }
        #expect(throws: LoginRefusal.locked) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        }
        fixture.clock.advance(14 * 60)
        #expect(throws: LoginRefusal.locked) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        }
        fixture.clock.advance(61)
        #expect(try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password)).user.id == "sw")
    }

    @Test("an unknown name locks after five failures like a real account")
    func unknownNameLocksToo() throws {
        let fixture = try AccountFixture()
        for _ in 0..<5 {
            #expect(throws: LoginRefusal.invalidCredentials) {
                try fixture.accounts.logIn(LoginAttempt(user: "ghost", password: "whatever12345"))
            }
        }
        #expect(throws: LoginRefusal.locked) {
            try fixture.accounts.logIn(LoginAttempt(user: "ghost", password: "whatever12345"))
        }
    }

    @Test("a success resets the count of failures in a row")
    func successResetsFailures() throws {
        let fixture = try AccountFixture()
        for _ in 0..<4 {
            _ = try? fixture.accounts.logIn(LoginAttempt(user: "sw", password: "wrong password!"))
        }
        _ = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        for _ in 0..<4 {
            _ = try? fixture.accounts.logIn(LoginAttempt(user: "sw", password: "wrong password!"))
        }
        #expect(try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password)).user.id == "sw")
    }

    @Test("a privacy officer without TOTP cannot log in: the first login enrols, a code confirms")
    func privacyOfficerEnrolsAtFirstLogin() throws {
        let fixture = try AccountFixture()
        var enrolment: TOTPEnrolment?
        do {
            _ = try fixture.accounts.logIn(LoginAttempt(user: "dpo", password: AccountFixture.password))
            Issue.record("a privacy officer logged in without TOTP")
        } catch LoginRefusal.enrolmentRequired(let pending) {
            enrolment = pending
        }
        let totp = AccountFixture.totp(of: try #require(enrolment))
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "dpo", password: AccountFixture.password, code: "000000"))
        }
        let grant = try fixture.accounts.logIn(
            LoginAttempt(user: "dpo", password: AccountFixture.password, code: fixture.code(totp)))
        #expect(grant.user.role == .privacyOfficer)
        #expect(throws: LoginRefusal.codeRequired) {
            try fixture.accounts.logIn(LoginAttempt(user: "dpo", password: AccountFixture.password))
        }
    }

    @Test("a TOTP code is accepted one step late, and never twice")
    func driftAndReplay() throws {
        let fixture = try AccountFixture()
        let totp = AccountFixture.totp(of: try fixture.accounts.enrolTOTP(for: "admin"))
        let late = fixture.code(totp, stepOffset: -1)
        _ = try fixture.accounts.logIn(LoginAttempt(user: "admin", password: AccountFixture.password, code: late))
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "admin", password: AccountFixture.password, code: late))
        }
        let current = fixture.code(totp)
        _ = try fixture.accounts.logIn(LoginAttempt(user: "admin", password: AccountFixture.password, code: current))
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "admin", password: AccountFixture.password, code: current))
        }
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(
                LoginAttempt(user: "admin", password: AccountFixture.password, code: fixture.code(totp, stepOffset: 2)))
        }
    }

    @Test("a recovery code stands in for a TOTP code once")
    func recoveryCodeOnce() throws {
        let fixture = try AccountFixture()
        let enrolment = try fixture.accounts.enrolTOTP(for: "admin")
        #expect(enrolment.recoveryCodes.count == Accounts.recoveryCodeCount)
        let code = enrolment.recoveryCodes[3]
        _ = try fixture.accounts.logIn(
            LoginAttempt(user: "admin", password: AccountFixture.password, code: code.lowercased()))
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "admin", password: AccountFixture.password, code: code))
        }
    }

    @Test("a one-time password set by the admin must be changed at the first login")
    func oneTimePassword() throws {
        let fixture = try AccountFixture()
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "sw", by: admin)
        #expect(throws: LoginRefusal.passwordChangeRequired) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "provvisoria-2026"))
        }
        #expect(throws: LoginRefusal.unacceptableNewPassword("use at least 10 characters")) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "provvisoria-2026", newPassword: "short"))
        }
        _ = try fixture.accounts.logIn(
            LoginAttempt(user: "sw", password: "provvisoria-2026", newPassword: "la mia nuova password"))
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "provvisoria-2026"))
        }
        _ = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: "la mia nuova password"))
    }

    @Test("a social worker cannot set passwords; an admin cannot reach another organisation's users")
    func oneTimePasswordScope() throws {
        let fixture = try AccountFixture()
        let setUp = fixture.registry.organisations()
        try setUp.addOrganisation(Organisation(id: "beta", name: "Beta", kind: .ets))
        try setUp.addUser(Operator(id: "beta-sw", name: "Beta", org: "beta", role: .socialWorker))
        let worker = Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker)
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        #expect(throws: RegistroError.self) {
            try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "dpo", by: worker)
        }
        let unrelated = #expect(throws: RegistroError.self) {
            try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "beta-sw", by: admin)
        }
        let missing = #expect(throws: RegistroError.self) {
            try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "nobody", by: admin)
        }
        #expect(unrelated?.kind == missing?.kind)
    }

    @Test("a session ends after 30 minutes idle, after 12 hours however busy, and at logout")
    func sessionExpiry() throws {
        let fixture = try AccountFixture()
        let idle = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        fixture.clock.advance(29 * 60)
        #expect(try fixture.accounts.user(forSessionToken: idle.token) != nil)
        fixture.clock.advance(31 * 60)
        #expect(try fixture.accounts.user(forSessionToken: idle.token) == nil)

        let busy = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        for _ in 0..<24 {
            fixture.clock.advance(29 * 60)
            #expect(try fixture.accounts.user(forSessionToken: busy.token) != nil)
        }
        fixture.clock.advance(29 * 60)
        #expect(try fixture.accounts.user(forSessionToken: busy.token) == nil)

        let ended = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        try fixture.accounts.endSession(token: ended.token, of: ended.user)
        #expect(try fixture.accounts.user(forSessionToken: ended.token) == nil)
    }

    @Test("an API token works until revoked or expired; another user's token cannot be revoked")
    func apiTokens() throws {
        let fixture = try AccountFixture()
        let worker = Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker)
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        let created = try fixture.accounts.createAPIToken(for: worker, name: "script", expiresInDays: 1)
        #expect(try fixture.accounts.user(forAPIToken: created.token)?.user.id == "sw")
        #expect(throws: RegistroError.self) { try fixture.accounts.revokeAPIToken(created.id, by: admin) }
        try fixture.accounts.revokeAPIToken(created.id, by: worker)
        #expect(try fixture.accounts.user(forAPIToken: created.token) == nil)

        let expiring = try fixture.accounts.createAPIToken(for: worker, name: "script", expiresInDays: 1)
        fixture.clock.advance(86_401)
        #expect(try fixture.accounts.user(forAPIToken: expiring.token) == nil)
        #expect(try fixture.accounts.apiTokens(of: worker).count == 2)
    }

    @Test("a password reset by the admin ends the user's sessions and revokes their tokens")
    func resetEndsSessions() throws {
        let fixture = try AccountFixture()
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        let token = try fixture.accounts.createAPIToken(for: grant.user, name: "script", expiresInDays: 1)
        try fixture.accounts.setOneTimePassword("provvisoria-2026", for: "sw", by: admin)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
        #expect(try fixture.accounts.user(forAPIToken: token.token) == nil)
    }

    @Test("a disabled account cannot log in and its sessions end")
    func disabledAccount() throws {
        let fixture = try AccountFixture()
        let admin = Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin)
        let grant = try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        try fixture.accounts.disable("sw", by: admin)
        #expect(try fixture.accounts.user(forSessionToken: grant.token) == nil)
        #expect(throws: LoginRefusal.invalidCredentials) {
            try fixture.accounts.logIn(LoginAttempt(user: "sw", password: AccountFixture.password))
        }
    }

    @Test("Argon2id hashes verify their own password only")
    func passwordHashes() throws {
        let hash = try PasswordHash.make("correct horse battery", cost: .minimum)
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(PasswordHash.verify("correct horse battery", against: hash))
        #expect(!PasswordHash.verify("correct horse batterY", against: hash))
        #expect(!PasswordHash.verify("correct horse battery", against: "not a hash"))
    }
}
