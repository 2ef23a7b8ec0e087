import CLibPQ

/// The rows of one statement, read in place from libpq's `PGresult`, which is freed with the last
/// reference to this object.
public final class QueryResult: RandomAccessCollection {
    private let result: OpaquePointer
    /// The SQL that produced the rows, for decoding errors.
    let statement: String
    public let columns: [Column]
    private let columnIndex: [String: Int]
    public let count: Int

    public struct Column: Sendable, Hashable {
        public let name: String
        public let type: TypeOID
    }

    init(taking result: OpaquePointer, statement: String) {
        self.result = result
        self.statement = statement
        count = Int(PQntuples(result))
        columns = (0..<PQnfields(result)).map { index in
            Column(name: String(cString: PQfname(result, index)), type: TypeOID(rawValue: PQftype(result, index)))
        }
        // The first column of a name wins, as in `SELECT a.id, b.id`.
        columnIndex = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit { PQclear(result) }

    /// The number of rows a command touched (`INSERT`, `UPDATE`, `DELETE`, `SELECT`, …).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }

    func columnIndex(named name: String) -> Int? { columnIndex[name] }

    /// Calls `body` with the bytes of one field, or `nil` for SQL `NULL`.
    func withField<T, E: Error>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws(E) -> T) throws(E)
        -> T
    {
        let (r, c) = (Int32(row), Int32(column))
        if PQgetisnull(result, r, c) == 1 { return try body(nil) }
        let length = Int(PQgetlength(result, r, c))
        let bytes = UnsafeRawPointer(PQgetvalue(result, r, c)!).assumingMemoryBound(to: UInt8.self)
        return try body(UnsafeBufferPointer(start: bytes, count: length))
    }
}

@available(*, unavailable)
extension QueryResult: Sendable {}
