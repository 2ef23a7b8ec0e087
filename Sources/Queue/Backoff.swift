/// How long a failed job waits before its next attempt: doubling from `base` up to `cap`, with
/// jitter so that jobs that failed together (an SMTP outage) do not all come back together.
public struct Backoff: Sendable, Hashable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .seconds(15), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// The delay after `attempt` (1 for the first) failed: base × 2^(attempt−1), capped, then
    /// drawn between 75 % and 125 % of it.
    public func delay(after attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let doubling = base * (1 << min(max(attempt - 1, 0), 30))
        let delay = min(doubling, cap)
        return delay * Double.random(in: 0.75...1.25, using: &random)
    }

    public func delay(after attempt: Int) -> Duration {
        var random = SystemRandomNumberGenerator()
        return delay(after: attempt, using: &random)
    }
}
