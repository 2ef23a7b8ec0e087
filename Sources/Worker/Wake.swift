import Dispatch
import Synchronization

/// Wakes one sleeping lane: a notification came, or the worker stops. Wake-ups that come while
/// the lane is busy are kept, so that it looks again before it sleeps.
final class Wake: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let pending = Atomic<Bool>(false)

    func signal() {
        if !pending.exchange(true, ordering: .acquiringAndReleasing) { semaphore.signal() }
    }

    /// Waits for a signal or the timeout.
    func wait(_ timeout: Duration) {
        let nanoseconds = max(
            0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int32.max) * 1000))))
        pending.store(false, ordering: .releasing)
    }
}
