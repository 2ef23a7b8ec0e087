/// What became of one message or call, as a queue needs to know it.
public enum SendOutcome: Sendable, Hashable {
    /// The server took it: never send it again. `reply` is its answer (`250 2.0.0 Ok: queued as …`).
    case accepted(reply: String)
    /// Not now: a timeout, a refused connection, SMTP 4xx, HTTP 5xx or 429. Try again later.
    case deferred(reason: String)
    /// Never: SMTP 5xx for the recipient, HTTP 4xx. Record it and tell someone.
    case refused(reason: String)
}
