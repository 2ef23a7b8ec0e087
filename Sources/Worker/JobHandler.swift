import Logging
import Postgres
import Queue

/// What a lane hands every job it runs: its database connection and whatever else it keeps from
/// one job to the next (a mail session, HTTP connections). A lane builds its own on its own
/// thread, from the worker's factory, and never shares it: a context is not `Sendable`.
public protocol LaneContext: AnyObject {
    /// The lane's connection; inside a transactional job, in the job's transaction.
    var connection: Connection { get }
}

/// A lane with nothing but its connection: the queue's benchmarks and the tests' handlers.
public final class ConnectionContext: LaneContext {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }
}

@available(*, unavailable)
extension ConnectionContext: Sendable {}

/// Runs one kind of job. It is called on a lane's own thread with that lane's context, inside the
/// transaction that records the outcome: what it writes to the database commits with the job's
/// completion, or not at all. A thrown error is a failure: the job is retried with the kind's
/// backoff, and discarded after its last attempt.
public protocol JobHandler<Context>: Sendable {
    associatedtype Context: LaneContext

    func perform(_ job: Job, in lane: Context) throws -> JobOutcome
}

/// A handler from a closure, for the tests' kinds and the benchmarks'.
public struct ClosureHandler<Context: LaneContext>: JobHandler {
    let body: @Sendable (Job, Context) throws -> JobOutcome

    public init(_ body: @escaping @Sendable (Job, Context) throws -> JobOutcome) { self.body = body }

    public func perform(_ job: Job, in lane: Context) throws -> JobOutcome { try body(job, lane) }
}

/// The kinds a worker runs: each with its handler and the backoff between its attempts.
public struct HandlerRegistry<Context: LaneContext>: Sendable {
    public struct Entry: Sendable {
        public let handler: any JobHandler<Context>
        public let backoff: Backoff
        /// Its writes commit with its outcome, one transaction per job. A kind that writes
        /// nothing to the database (a no-op, a call to another server that keeps its own record)
        /// can do without: its outcomes are recorded in batches.
        public let transactional: Bool
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public mutating func register(
        _ kind: String, backoff: Backoff = Backoff(), transactional: Bool = true, _ handler: any JobHandler<Context>
    ) {
        entries[kind] = Entry(handler: handler, backoff: backoff, transactional: transactional)
    }

    public var kinds: [String] { entries.keys.sorted() }
}

extension Worker where Context == ConnectionContext {
    /// A worker whose lanes have nothing but their connection.
    public convenience init(
        options: WorkerOptions, registry: HandlerRegistry<ConnectionContext>,
        logger: Logger = Logger(label: "atelier.worker")
    ) {
        self.init(options: options, registry: registry, logger: logger, makeContext: ConnectionContext.init)
    }
}
