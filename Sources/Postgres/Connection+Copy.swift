import CLibPQ

extension Connection {
    /// Runs `COPY … FROM STDIN` (PostgreSQL's text format) and streams the rows `body` writes to
    /// the server: the fastest way in for many rows, in the memory of one buffer. When `body`
    /// throws, the copy is cancelled (the server discards every row) and the error goes up.
    /// Returns how many rows the server took.
    @discardableResult
    public func copyIn(_ statement: PostgresQuery, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        guard statement.binds.isEmpty else {
            throw PostgresError(
                kind: .protocolViolation, message: "COPY takes no parameters", statement: statement.sql)
        }
        try startCopy(PQexec(handle, statement.sql), statement: statement.sql)
        var writer = CopyWriter(connection: self, statement: statement.sql)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "cancelled by the client")
            while let result = PQgetResult(handle) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionError(statement: statement.sql) }
        var outcome: QueryResult?
        var failure: PostgresError?
        // The copy's result, then the end of its results (a `NULL`).
        while let result = PQgetResult(handle) {
            do { outcome = try check(result, statement: statement.sql) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return outcome?.affectedRows ?? 0
    }

    fileprivate func send(_ buffer: [UInt8], statement: String) throws(PostgresError) {
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw connectionError(statement: statement) }
    }

    /// Checks that the server waits for the rows; an error (a table that does not exist) is thrown.
    private func startCopy(_ result: OpaquePointer?, statement: String) throws(PostgresError) {
        guard let result, PQresultStatus(result) == PGRES_COPY_IN else {
            _ = try check(result, statement: statement)
            throw PostgresError(
                kind: .protocolViolation, message: "the statement is not a COPY FROM STDIN", statement: statement)
        }
        PQclear(result)
    }
}

/// The rows of a `COPY FROM STDIN` in PostgreSQL's text format: fields separated by tabs, `\N`
/// for `NULL`, a backslash, tab, line feed or carriage return escaped by a backslash.
public struct CopyWriter {
    /// Sent to the server whenever this much is held: large enough that the round trips do not
    /// count, small enough that memory stays flat.
    static let flushSize = 256 * 1024

    private let connection: Connection
    private let statement: String
    private var buffer: [UInt8] = []

    init(connection: Connection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Sends what is held.
    mutating func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        try connection.send(buffer, statement: statement)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Appends one row, and sends the rows held once they are worth a round of the socket.
    public mutating func append(_ fields: [String?]) throws(PostgresError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\t"): buffer += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\n"): buffer += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): buffer += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { try flush() }
    }
}
