import CLibPQ
import Foundation
import Logging

/// One connection to PostgreSQL, closed exactly once, when the last reference goes.
///
/// A connection belongs to one thread at a time, so it is not `Sendable`: a lane that owns a
/// thread creates its own and never shares it. Every call blocks: keep them off Swift's
/// cooperative thread pool.
public final class Connection {
    public let configuration: ConnectionConfiguration
    let handle: OpaquePointer
    let logger: Logger
    /// How many `transaction` calls are open, so that a nested one becomes a savepoint.
    var transactionDepth = 0
    /// The channels this connection listens on, listened on again after `reconnect()`.
    var channels: Set<String> = []
    /// Whether `execute` keeps each statement prepared on the server, planned once (see
    /// `preparedNames`): for a connection that runs the same few statements again and again.
    public var preparesStatements = false
    /// The server-side name of each statement prepared on this session, by its text and its
    /// parameters' types.
    var preparedNames: [PreparedKey: String] = [:]

    public convenience init(url: String, logger: Logger = Logger(label: "atelier.postgres")) throws(PostgresError) {
        try self.init(ConnectionConfiguration(url), logger: logger)
    }

    public init(_ configuration: ConnectionConfiguration, logger: Logger = Logger(label: "atelier.postgres"))
        throws(PostgresError)
    {
        self.configuration = configuration
        self.logger = logger
        handle = try Self.open(configuration)
        PQsetNoticeReceiver(
            handle,
            { context, result in
                guard let context, let result else { return }
                let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
                connection.logger.debug("\(String(cString: PQresultErrorMessage(result)).trimmingNewlines)")
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { PQfinish(handle) }

    /// Opens a libpq connection with `PQconnectdbParams`, so that no value is ever spliced into a
    /// conninfo string. A failed attempt still frees what libpq allocated.
    private static func open(_ configuration: ConnectionConfiguration) throws(PostgresError) -> OpaquePointer {
        var parameters = configuration.parameters
        parameters["client_encoding"] = "UTF8"
        parameters["fallback_application_name"] = "atelier"
        let keywords = parameters.map { strdup($0.key) }
        let values = parameters.map { strdup($0.value) }
        defer { for pointer in keywords + values { free(pointer) } }
        let conn = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { k in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 0)
            }
        }
        guard let conn else { throw PostgresError(kind: .connectionFailed, message: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.connectionFailureReason(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        return conn
    }

    /// libpq's message names the server, then the reason, then a hint on tab-indented lines, once
    /// per address tried: keep the last reason, without the `FATAL:` prefix.
    static func connectionFailureReason(_ message: String) -> String {
        let reasons = message.split(separator: "\n").filter { !$0.hasPrefix("\t") }
        guard var reason = reasons.last.map(String.init) else { return "unknown reason" }
        if let range = reason.range(of: "failed: ") { reason = String(reason[range.upperBound...]) }
        if reason.hasPrefix("FATAL:") { reason = reason.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        return reason.trimmingNewlines
    }

    /// Whether the connection is usable as far as libpq knows (it learns of a broken connection
    /// only when it next talks to the server).
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The process id of the server backend serving this connection.
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Runs one statement with its parameters bound (`PQexecParams`, or `PQexecPrepared` when the
    /// connection `preparesStatements`), and returns its rows.
    @discardableResult
    public func execute(_ query: PostgresQuery) throws(PostgresError) -> QueryResult {
        if preparesStatements, let name = try preparedName(for: query) {
            let result = query.binds.withLibPQParameters { _, values, lengths, formats in
                PQexecPrepared(handle, name, Int32(query.binds.count), values, lengths, formats, 0)
            }
            return try check(result, statement: query.sql)
        }
        let result = query.binds.withLibPQParameters { types, values, lengths, formats in
            PQexecParams(handle, query.sql, Int32(query.binds.count), types, values, lengths, formats, 0)
        }
        return try check(result, statement: query.sql)
    }

    /// Runs a script of several statements with the simple query protocol (`PQexec`), which binds
    /// nothing: only for SQL the program ships, such as migrations.
    public func executeScript(_ sql: String) throws(PostgresError) {
        _ = try check(PQexec(handle, sql), statement: sql)
    }

    /// Opens the connection again with the same parameters (`PQreset`) and listens again on its
    /// channels. Any open transaction was lost with the old session.
    public func reconnect() throws(PostgresError) {
        PQreset(handle)
        transactionDepth = 0
        preparedNames = [:]
        guard isConnected else {
            throw PostgresError(
                kind: .connectionFailed, message: Self.connectionFailureReason(String(cString: PQerrorMessage(handle))))
        }
        logger.info("reconnected to \(configuration)")
        for channel in channels { try execute("LISTEN \(unescaped: quoteIdentifier(channel))") }
    }

    /// Quotes an identifier for the rare statements that cannot bind it (`LISTEN`).
    public func quoteIdentifier(_ identifier: String) -> String {
        guard let quoted = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// Turns a `PGresult` into rows, or into the error it carries (and frees it then).
    func check(_ result: OpaquePointer?, statement: String) throws(PostgresError) -> QueryResult {
        guard let result else { throw connectionError(statement: statement) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return QueryResult(taking: result, statement: statement)
        default:
            var error = PostgresError(result: result, statement: statement)
            PQclear(result)
            // No SQLSTATE, or a broken connection, means the session is gone (libpqxx's rule).
            if !isConnected || error.sqlState == nil { error.kind = .connectionLost }
            if error.kind == .connectionLost {
                logger.warning("lost the connection to \(configuration): \(error.message)")
            }
            throw error
        }
    }

    func connectionError(statement: String?) -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingNewlines
        return PostgresError(
            kind: isConnected ? .protocolViolation : .connectionLost,
            message: message.isEmpty ? "no connection to the server" : message,
            statement: statement)
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
