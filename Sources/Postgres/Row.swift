/// One row of a `QueryResult`, decoded by column name or index into typed values.
public struct Row {
    let result: QueryResult
    let index: Int

    public var columns: [QueryResult.Column] { result.columns }

    /// The value of the named column: `try row.decode(Int.self, "id")`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws(RowDecodingError) -> T {
        guard let position = result.columnIndex(named: column) else {
            throw RowDecodingError(
                .missingColumn, column: column, index: nil, target: T.self, postgresType: nil,
                statement: result.statement)
        }
        return try decode(T.self, at: position)
    }

    /// The value at a 0-based column index.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at position: Int) throws(RowDecodingError) -> T {
        guard result.columns.indices.contains(position) else {
            throw RowDecodingError(
                .missingColumn, column: nil, index: position, target: T.self, postgresType: nil,
                statement: result.statement)
        }
        let column = result.columns[position]
        func failure(_ reason: RowDecodingError.Reason) -> RowDecodingError {
            RowDecodingError(
                reason, column: column.name, index: position, target: T.self, postgresType: column.type,
                statement: result.statement)
        }
        guard T.accepts(column.type) else { throw failure(.typeMismatch) }
        do {
            return try result.withField(row: index, column: position) { bytes throws(PostgresDecodingFailure) in
                guard let bytes else { return try T.decodeNull() }
                return try T.decode(text: bytes, type: column.type)
            }
        } catch {
            switch error {
            case .unexpectedNull: throw failure(.unexpectedNull)
            case .malformed(let why): throw failure(.malformed(why))
            }
        }
    }

    /// The whole row as a tuple, column by column: `let (id, name) = try row.decode((Int, String).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws(RowDecodingError) -> (
        repeat each T
    ) {
        var position = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws(RowDecodingError) -> U {
            defer { position += 1 }
            return try decode(U.self, at: position)
        }
        return (repeat try next((each T).self))
    }
}
