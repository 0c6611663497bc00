import Foundation
import Hummingbird
import RegistroKit

/// Who is looking at a page and in which language.
struct PageVisit: Sendable {
    /// A signed-in user seen through their session cookie.
    struct Visitor: Sendable {
        /// The user's session, through which every library call on their behalf goes.
        let session: Session
        /// The session's CSRF token, which every form carries.
        let csrf: String
        /// The session token, for logout.
        let token: String

        /// The user.
        var user: Operator { session.user }
    }

    /// The signed-in user, if any.
    let visitor: Visitor?
    /// The language of the page.
    let language: PageLanguage
    /// Whether the language was chosen with the switch (and is to be kept in a cookie).
    let languageChosen: Bool
    /// Whether the server speaks TLS.
    let usesTLS: Bool
    /// When the session ends if the visitor does nothing more (for a signed-in visitor).
    var sessionExpiresAt: Date?
    /// Whether the page shows a form kept from before the session expired.
    var showsKeptForm = false
}
