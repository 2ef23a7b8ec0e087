import Synchronization

/// A token bucket per client address: `perMinute` requests at once, then one every
/// `60 / perMinute` seconds. Idle buckets are dropped once full again, so that memory stays flat
/// whatever the number of addresses seen.
final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perMinute: Int
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()

    init(perMinute: Int) { self.perMinute = perMinute }

    /// `nil` when the request may go on; else the seconds until it may.
    func wait(for address: String) -> Int? {
        let now = clock.now
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            if buckets.count > 10_000 { Self.dropFull(&buckets, capacity: capacity, perSecond: perSecond, now: now) }
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return Int(((1 - bucket.tokens) / perSecond).rounded(.up))
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            return nil
        }
    }

    private static func dropFull(
        _ buckets: inout [String: Bucket], capacity: Double, perSecond: Double, now: ContinuousClock.Instant
    ) {
        buckets = buckets.filter { _, bucket in
            let idle = now - bucket.updated
            return bucket.tokens + Double(idle.components.seconds) * perSecond < capacity
        }
    }
}
