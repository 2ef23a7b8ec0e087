import CLibPQ
import Foundation

/// A message from `NOTIFY`: its channel, its payload, and the backend that sent it.
public struct PostgresNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    public let senderPID: Int32
}

extension Connection {
    /// Starts listening on a channel; notifications arrive through `waitForNotification`.
    public func listen(_ channel: String) throws(PostgresError) {
        try execute("LISTEN \(unescaped: quoteIdentifier(channel))")
        channels.insert(channel)
    }

    public func unlisten(_ channel: String) throws(PostgresError) {
        try execute("UNLISTEN \(unescaped: quoteIdentifier(channel))")
        channels.remove(channel)
    }

    /// Sends a notification; inside a transaction it is delivered at commit.
    public func notify(_ channel: String, payload: String = "") throws(PostgresError) {
        try execute("SELECT pg_notify(\(channel), \(payload))")
    }

    /// Returns the next notification, waiting up to `timeout` for one to arrive: `poll` on the
    /// socket, then `PQconsumeInput` and `PQnotifies`
    /// (https://www.postgresql.org/docs/current/libpq-notify.html). `nil` when none came in time,
    /// or as soon as `interruption` (a descriptor of the caller's) is readable.
    public func waitForNotification(timeout: Duration, interruption: Int32 = -1) throws(PostgresError)
        -> PostgresNotification?
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            guard PQconsumeInput(handle) == 1 else { throw connectionError(statement: nil) }
            if let notification = nextNotification() { return notification }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            var descriptors = [
                pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruption, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, remaining.pollMilliseconds)
            if ready < 0 && errno != EINTR {
                throw PostgresError(kind: .connectionLost, message: "poll failed: \(String(cString: strerror(errno)))")
            }
            if descriptors[1].revents != 0 { return nil }
        }
    }

    private func nextNotification() -> PostgresNotification? {
        guard let raw = PQnotifies(handle) else { return nil }
        defer { PQfreemem(raw) }
        return PostgresNotification(
            channel: String(cString: raw.pointee.relname),
            payload: String(cString: raw.pointee.extra),
            senderPID: raw.pointee.be_pid)
    }
}

extension Duration {
    /// The duration as `poll` takes it: whole milliseconds, rounded up, at most `Int32.max`
    /// (the seconds bounded first, so that no duration overflows on the way).
    public var pollMilliseconds: Int32 {
        let seconds = min(components.seconds, Int64(Int32.max / 1000) + 1)
        return Int32(clamping: seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 + 1)
    }
}
