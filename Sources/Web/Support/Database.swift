import App
import Dispatch
import Postgres
import Training

/// The database as the pages reach it: libpq blocks, so each piece of work runs on a thread of
/// its own (Dispatch's), never on the event loops nor on Swift's cooperative threads, with a
/// connection of the pool.
struct Database: Sendable {
    let context: AppContext
    /// The job catalogue, read once at start: what a change queues goes by it.
    let jobs: JobCatalogue
    /// The migrations of `Migrations/`, read once at start.
    let migrator: Migrator
    let pool: ConnectionPool

    /// Connections kept open between requests; more are opened when the load needs them.
    static let idleConnections = 16

    init(_ context: AppContext) throws {
        self.context = context
        jobs = try context.jobCatalogue()
        migrator = try context.migrator()
        pool = ConnectionPool(idleLimit: Self.idleConnections) {
            let connection = try context.connect()
            connection.preparesStatements = true
            return connection
        }
    }

    func run<Result: Sendable>(_ work: @escaping @Sendable (Connection) throws -> Result) async throws -> Result {
        let pool = pool
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try pool.withConnection(work) })
            }
        }
    }

    /// `work` with the domain over its own connection.
    func withStore<Result: Sendable>(_ work: @escaping @Sendable (Store) throws -> Result) async throws -> Result {
        let (jobs, zone) = (jobs, context.timeZone)
        return try await run { connection in try work(Store(connection, jobs: jobs, timeZone: zone)) }
    }

    /// Whether the migrations of `Migrations/` are all applied; throws when the database cannot
    /// be reached.
    func isMigrated() async throws -> Bool {
        let migrator = migrator
        return try await run { connection in
            try migrator.status(on: connection).allSatisfy { $0.state != .pending }
        }
    }
}
