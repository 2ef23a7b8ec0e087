import Foundation
import Postgres
import Synchronization

/// Becomes readable, for good, once the worker is told to stop: the heartbeat's sleep and the
/// listener's wait for a notification poll it beside their own timeout, so that a stop ends them
/// at once rather than at that timeout (the listener's was half a second, which every
/// `--until-idle` run and every stop paid).
final class StopSignal: Sendable {
    /// The end to poll; -1 when no pipe could be had, which `poll` ignores: waits then last
    /// their full timeout, as before.
    let descriptor: Int32
    private let writeEnd: Int32
    private let signalled = Atomic(false)

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // not inherited by child processes
        } else {
            ends = [-1, -1]
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    func signal() {
        guard writeEnd >= 0, !signalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Sleeps for `duration`, or until the signal.
    func wait(_ duration: Duration) {
        var descriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let end = ContinuousClock.now + duration
        while true {
            let remaining = ContinuousClock.now.duration(to: end)
            guard remaining > .zero else { return }
            let ready = poll(&descriptor, 1, remaining.pollMilliseconds)
            if ready > 0 || (ready < 0 && errno != EINTR) { return }
        }
    }
}
