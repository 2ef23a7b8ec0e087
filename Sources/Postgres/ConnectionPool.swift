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
    /// than kept: its session may hold what the failure left.
    public func withConnection<Result>(_ work: (Connection) throws -> Result) throws -> Result {
        let connection = try idle.withLock { $0.popLast() }?.connection ?? open()
        let result = try work(connection)
        let resting = Resting(connection: connection)
        idle.withLock { if $0.count < idleLimit { $0.append(resting) } }
        return result
    }

    /// How many connections wait in the pool now.
    public var idleCount: Int { idle.withLock { $0.count } }
}
