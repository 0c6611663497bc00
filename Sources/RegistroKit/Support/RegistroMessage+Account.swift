extension RegistroMessage {
    /// The problems of the server's accounts (passwords, the authenticator, API tokens) and of
    /// who may manage users and the registry's set-up. None carries a password or a secret.
    public enum Account: Sendable, Equatable {
        /// A password shorter than `minimum` characters.
        case passwordTooShort(minimum: Int)
        /// A password longer than `maximumBytes` bytes.
        case passwordTooLong(maximumBytes: Int)
        /// A password of more than one line.
        case passwordNotOneLine
        /// A user id that names nobody in the acting admin's organisation.
        case userNotInOrganisation(String)
        /// A user without a password yet, whose authenticator cannot be enrolled.
        case noPasswordYet(String)
        /// A user's authenticator whose secret this keyring does not open.
        case authenticatorUnreadable(String)
        /// A token's lifetime outside 1 … `maximum` days.
        case tokenDaysOutOfRange(maximum: Int)
        /// A token id that names none of the user's active tokens.
        case tokenNotFound(String)
        /// `user`, of `role`, asked for the list of their organisation's users, which only an
        /// admin may see.
        case adminListsUsers(user: String, role: Role)
        /// `user`, of `role`, tried to manage a user, which only an admin may do.
        case adminManagesUsers(user: String, role: Role)
        /// `user` tried to change networks or organisations, which only the registry's operator does.
        case operatorSetsUp(user: String)
        /// `user`, a `role` of `userOrg`, tried to change the users of `org`, which only its admins do.
        case organisationAdminChangesUsers(org: String, user: String, role: Role, userOrg: String)
    }
}
