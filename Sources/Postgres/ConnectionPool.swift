import Synchronization

/// Connections kept open for work that comes and goes (the pages' requests), so that each piece
/// of work does not pay a connection's handshake and authentication: a connection is lent to
/// one borrower at a time and taken back after. At most `idleLimit` wait in the pool; when all
/// are lent, another is opened.
public final class ConnectionPool: Sendable {
    /// A connection at rest. `Connection` is not `Sendable`: the pool is the one place where it
    /// rests between borrowers, and it lends it to one at a time.
    private struct Resting: @unchecked Sendable {
        let connection: Connection
    }

    private let idle = Mutex<[Resting]>([])
    private let open: @Sendable () throws -> Connection
    public let idleLimit: Int

    public init(idleLimit: Int, open: @escaping @Sendable () throws -> Connection) {
        self.idleLimit = idleLimit
        self.open = open
    }

    /// Runs `work` with a connection of the pool. A connection whose work failed is closed rather
    /// than kept: its session may hold what the failure left. A connection that rested in the
    /// pool may have lost its server meanwhile (a restart): when the work finds it lost, it runs
    /// once more on a new one — PostgreSQL commits nothing of a session it lost, and the work's
    /// own constraints stand against a commit whose answer was lost.
    public func withConnection<Result>(_ work: (Connection) throws -> Result) throws -> Result {
        if let rested = idle.withLock({ $0.popLast() })?.connection {
            do {
                return try finish(work, on: rested)
            } catch let error as PostgresError where error.kind == .connectionLost {
                return try finish(work, on: try open())
            }
        }
        return try finish(work, on: try open())
    }

    private func finish<Result>(_ work: (Connection) throws -> Result, on connection: Connection) throws -> Result {
        let result = try work(connection)
        let resting = Resting(connection: connection)
        idle.withLock { if $0.count < idleLimit { $0.append(resting) } }
        return result
    }

    /// How many connections wait in the pool now.
    public var idleCount: Int { idle.withLock { $0.count } }
}
