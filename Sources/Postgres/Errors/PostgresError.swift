/// An error from PostgreSQL or from libpq.
///
/// `description` names only the kind, the SQLSTATE and the server's message — never the bound
/// values, so it is safe to log; `debugDescription` adds every field and the statement.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, at the level a caller decides on.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case malformedConnectionString = "malformed connection string"
            case connectionFailed = "connection failed"
            case connectionLost = "connection lost"
            case server = "server error"
            case protocolViolation = "unexpected reply"
        }
        private let base: Base
        public var description: String { base.rawValue }

        /// The URL or conninfo string could not be parsed: nothing was attempted.
        public static let malformedConnectionString = Kind(base: .malformedConnectionString)
        /// The server could not be reached, or refused the credentials.
        public static let connectionFailed = Kind(base: .connectionFailed)
        /// An established connection broke: the server went away or ended the session.
        /// `Connection.reconnect()` opens it again.
        public static let connectionLost = Kind(base: .connectionLost)
        /// The server answered with an error: see `sqlState` and the fields.
        public static let server = Kind(base: .server)
        /// The server answered something the caller did not expect (rows from a command, say).
        public static let protocolViolation = Kind(base: .protocolViolation)
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var severity: String?
    /// The primary message, from the server or libpq, without trailing new lines.
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    /// The 1-based character position in `statement` that the server points at.
    public var position: Int?
    /// The SQL that failed (with `$n` placeholders, never the values).
    public var statement: String?

    public init(kind: Kind, message: String, sqlState: SQLState? = nil, statement: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.statement = statement
    }

    public var isConnectionProblem: Bool {
        kind == .connectionFailed || kind == .connectionLost
    }

    /// A deadlock or a serialization failure: another transaction touched the same rows, and
    /// PostgreSQL rolled this one back to let it through. Running the whole transaction again
    /// usually succeeds (https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html).
    public var isTransactionConflict: Bool {
        sqlState == .serializationFailure || sqlState == .deadlockDetected
    }

    /// Whether this is a unique violation, of the named constraint when one is given.
    public func isUniqueViolation(constraint name: String? = nil) -> Bool {
        matches(.uniqueViolation, constraint: name)
    }

    public func isForeignKeyViolation(constraint name: String? = nil) -> Bool {
        matches(.foreignKeyViolation, constraint: name)
    }

    public func isCheckViolation(constraint name: String? = nil) -> Bool {
        matches(.checkViolation, constraint: name)
    }

    public func isExclusionViolation(constraint name: String? = nil) -> Bool {
        matches(.exclusionViolation, constraint: name)
    }

    private func matches(_ state: SQLState, constraint name: String?) -> Bool {
        sqlState == state && (name == nil || constraint == name)
    }

    /// Safe to log: a server's message can quote a bound value (`invalid input syntax for type
    /// integer: "…"`), so server errors show their code and statement only; libpq's own messages
    /// (connection failures) carry none and are kept.
    public var description: String {
        let code = sqlState.map { " \($0)" } ?? ""
        guard kind == .server else { return "PostgreSQL \(kind)\(code): \(message)" }
        return "PostgreSQL \(kind)\(code)" + (constraint.map { " on constraint \($0)" } ?? "")
            + (statement.map { " in: \($0)" } ?? "")
    }

    public var debugDescription: String {
        var lines = [description, "  message: \(message)"]
        let fields: [(String, String?)] = [
            ("severity", severity), ("detail", detail), ("hint", hint),
            ("schema", schema), ("table", table), ("column", column), ("constraint", constraint),
            ("position", position.map(String.init)), ("statement", statement),
        ]
        for case (let name, let value?) in fields { lines.append("  \(name): \(value)") }
        return lines.joined(separator: "\n")
    }
}
