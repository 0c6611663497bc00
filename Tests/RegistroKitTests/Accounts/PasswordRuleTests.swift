import Testing

@testable import RegistroKit

/// Each rule of passwords, said in English and in its typed form, the one the password breaks.
@Suite("the rules of passwords")
struct PasswordRuleTests {
    @Test("each broken rule has its own English sentence and its own typed form")
    func eachRuleIsWordedOnItsOwn() throws {
        let short = String(repeating: "a", count: AccountRules.minimumPasswordLength - 1)
        let long = String(repeating: "a", count: AccountRules.maximumPasswordBytes + 1)
        let twoLines = String(repeating: "a", count: AccountRules.minimumPasswordLength) + "\nb"
        let broken = [short, long, twoLines].map { PasswordRule.broken(by: $0) }
        #expect(
            broken == [
                .tooShort(minimum: AccountRules.minimumPasswordLength),
                .tooLong(maximumBytes: AccountRules.maximumPasswordBytes), .notOneLine,
            ])
        #expect(Set(broken.map { $0?.english }).count == 3)
        #expect(
            broken.map { $0?.message } == [
                .passwordTooShort(minimum: AccountRules.minimumPasswordLength),
                .passwordTooLong(maximumBytes: AccountRules.maximumPasswordBytes), .passwordNotOneLine,
            ])
        #expect(PasswordRule.broken(by: "una password lunga") == nil)
        #expect(Accounts.passwordProblem(twoLines) == "a password is one line")
        let refusal = try #require(throws: RegistroError.self) { try Accounts.requireAcceptable(short) }
        #expect(refusal.message == "the password is not acceptable: use at least 10 characters")
        #expect(refusal.issues.first?.key == .account(.passwordTooShort(minimum: AccountRules.minimumPasswordLength)))
    }
}
