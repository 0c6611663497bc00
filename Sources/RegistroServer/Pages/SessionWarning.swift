import Foundation

/// The warning before a session expires for being idle, without JavaScript: each signed-in page
/// says at what time its session ends if nothing more is done, and a notice hidden by the
/// stylesheet appears, by a CSS animation delayed from the page's loading, a few minutes before
/// that time. The delay is a rule of the served stylesheet (never an inline style).
enum SessionWarning {
    /// How long before the idle expiry the notice appears: five minutes, or half the idle
    /// timeout when that is shorter than ten minutes.
    static func lead(idleTimeout: TimeInterval) -> TimeInterval {
        min(5 * 60, idleTimeout / 2)
    }

    /// The stylesheet rule that shows the notice `lead` before `idleTimeout` has passed since the
    /// page was loaded (each page loaded is a use of the session, which restarts its idle time).
    static func rule(idleTimeout: TimeInterval) -> String {
        let delay = Int(max(0, idleTimeout - lead(idleTimeout: idleTimeout)))
        return """

            /* The session warning appears \(Int(lead(idleTimeout: idleTimeout))) s before the idle expiry. */
            .session-warning { animation: registro-session-warning 1ms linear \(delay)s forwards; }

            """
    }
}
