import Postgres
import Queue

/// Runs one kind of job. It is called on a lane's own thread with that lane's connection, inside
/// the transaction that records the outcome: what it writes to the database commits with the
/// job's completion, or not at all. A thrown error is a failure: the job is retried with the
/// kind's backoff, and discarded after its last attempt.
public protocol JobHandler: Sendable {
    func perform(_ job: Job, on connection: Connection) throws -> JobOutcome
}

/// A handler from a closure, for the queue's own kinds and for tests.
public struct ClosureHandler: JobHandler {
    let body: @Sendable (Job, Connection) throws -> JobOutcome

    public init(_ body: @escaping @Sendable (Job, Connection) throws -> JobOutcome) { self.body = body }

    public func perform(_ job: Job, on connection: Connection) throws -> JobOutcome { try body(job, connection) }
}

/// The kinds a worker runs: each with its handler and the backoff between its attempts.
public struct HandlerRegistry: Sendable {
    public struct Entry: Sendable {
        public let handler: any JobHandler
        public let backoff: Backoff
        /// Its writes commit with its outcome, one transaction per job. A kind that writes
        /// nothing to the database (a no-op, a call to another server that keeps its own record)
        /// can do without: its outcomes are recorded in batches.
        public let transactional: Bool
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public mutating func register(
        _ kind: String, backoff: Backoff = Backoff(), transactional: Bool = true, _ handler: any JobHandler
    ) {
        entries[kind] = Entry(handler: handler, backoff: backoff, transactional: transactional)
    }

    public var kinds: [String] { entries.keys.sorted() }
}
