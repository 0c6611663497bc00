import RegistroKit

extension AccountRules {
    /// The rules of accounts in tests: the cheapest password hash, and the time of `clock`.
    public static func testing(clock: TestClock) -> AccountRules {
        var rules = AccountRules()
        rules.passwordCost = .minimum
        rules.now = { clock.now }
        return rules
    }
}
