import Hummingbird
import HummingbirdAuth
import NIOCore
import RegistroKit

/// What a request carries through the middleware to its handler: the user that authentication
/// established, so that no handler looks a user up by a string again.
public struct RegistroRequestContext: AuthRequestContext, RequestContext {
    /// Hummingbird's own context.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `AuthenticationMiddleware`.
    public var identity: SignedInUser?
    /// The session token of a request authenticated by cookie, for logout.
    var sessionToken: String?
    /// The client's socket address, read when a login asks for its IP address.
    private let clientSocketAddress: SocketAddress?
    /// The signed-in user's id, shared with the request log outside the authentication.
    let signedInUserID = SignedInUserID()

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientSocketAddress = source.channel.remoteAddress
    }

    /// The client's IP address, for the cap on concurrent logins: written out only when a login
    /// asks, not for every request.
    var clientAddress: String {
        clientSocketAddress?.ipAddress ?? "unknown"
    }

    /// The signed-in user's session, through which every library call on their behalf goes.
    ///
    /// - Throws: `ServerError.unauthenticated` when nobody is signed in.
    func session() throws -> Session {
        guard let identity else { throw ServerError.unauthenticated }
        return identity.session
    }

    /// The signed-in user's operator.
    ///
    /// - Throws: `ServerError.unauthenticated` when nobody is signed in.
    func user() throws -> Operator {
        guard let identity else { throw ServerError.unauthenticated }
        return identity.user
    }
}
