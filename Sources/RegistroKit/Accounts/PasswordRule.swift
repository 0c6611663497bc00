/// A rule of passwords that a new password breaks.
enum PasswordRule: Sendable, Equatable {
    /// Shorter than `minimum` characters.
    case tooShort(minimum: Int)
    /// Longer than `maximumBytes` bytes.
    case tooLong(maximumBytes: Int)
    /// More than one line.
    case notOneLine

    /// The rule `password` breaks, or `nil`.
    static func broken(by password: String) -> PasswordRule? {
        if password.count < AccountRules.minimumPasswordLength {
            return .tooShort(minimum: AccountRules.minimumPasswordLength)
        }
        if password.utf8.count > AccountRules.maximumPasswordBytes {
            return .tooLong(maximumBytes: AccountRules.maximumPasswordBytes)
        }
        if password.contains(where: { $0.isNewline }) {
            return .notOneLine
        }
        return nil
    }

    /// What to do to keep the rule, in English.
    var english: String {
        switch self {
        case .tooShort(let minimum): "use at least \(minimum) characters"
        case .tooLong(let maximumBytes): "use at most \(maximumBytes) bytes"
        case .notOneLine: "a password is one line"
        }
    }

    /// The rule's typed form, for other languages.
    var message: RegistroMessage.Account {
        switch self {
        case .tooShort(let minimum): .passwordTooShort(minimum: minimum)
        case .tooLong(let maximumBytes): .passwordTooLong(maximumBytes: maximumBytes)
        case .notOneLine: .passwordNotOneLine
        }
    }
}
