/// Who does a registry-level operation (setting up networks, organisations and users, rotating
/// keys, auditing): the registry's operator, who holds the database and the keyring, or a user
/// through their session.
///
/// The operator acts only while the registry has no user: then whoever holds the registry sets
/// it up, and the change is recorded with no actor. Once it has users, a user acts, and the
/// policies decide.
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
