/// How strictly a transaction is isolated from the ones running beside it
/// (https://www.postgresql.org/docs/current/transaction-iso.html).
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Whether a transaction (begun by `transaction`) is open on this connection.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    /// Called inside another transaction, it becomes a savepoint, so the inner part alone rolls
    /// back. The isolation level applies to the outermost call only.
    public func transaction<T>(isolation: IsolationLevel? = nil, _ body: (Connection) throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "atelier_savepoint_\(depth)"
        if depth == 0 {
            let level = isolation.map { " ISOLATION LEVEL \($0.rawValue)" } ?? ""
            try execute("BEGIN\(unescaped: level)")
        } else {
            try execute("SAVEPOINT \(unescaped: savepoint)")
        }
        transactionDepth += 1
        do {
            let value = try body(self)
            transactionDepth = depth
            try execute(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(unescaped: savepoint)")
            return value
        } catch {
            transactionDepth = depth
            // The first error is the one worth reporting; a failed rollback (the connection is
            // gone, say) leaves nothing behind on the server anyway.
            if isConnected {
                _ = try? execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(unescaped: savepoint)")
            }
            throw error
        }
    }
}
