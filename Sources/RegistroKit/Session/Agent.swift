/// Who does a registry-level operation (setting up networks, organisations and users, rotating
/// keys, auditing): the registry's operator, who holds the database and the keyring, or a user
/// through their session.
///
/// Networks and organisations are the operator's alone; the operator also adds users (such as
/// an organisation's first admin), proving that it holds the registry by unlocking the keyring
/// once the registry has users; its changes are recorded with no actor. An admin adds its own
/// organisation's users. For the other operations (key rotation, auditing) the operator acts
/// only while the registry has no user; once it has users, a user acts, and the policies decide.
public enum Agent: Sendable {
    /// The registry's operator, holding the database and the keyring.
    case registryOperator
    /// A user, through their session.
    case user(Session)

    /// The session, when a user acts.
    var session: Session? {
        if case .user(let session) = self { session } else { nil }
    }
}
