extension Connection {
    /// Runs `query` through a server-side cursor and hands its rows to `body` in batches of
    /// `batchSize`: a result of any size takes the memory of one batch. Inside the caller's
    /// transaction, or in one of its own.
    public func forEachBatch(_ query: PostgresQuery, batchSize: Int = 2000, _ body: (QueryResult) throws -> Void) throws
    {
        try transaction { connection in
            let cursor = "atelier_cursor_\(connection.transactionDepth)"
            try connection.execute(
                PostgresQuery(unsafeSQL: "DECLARE \(cursor) NO SCROLL CURSOR FOR \(query.sql)", binds: query.binds))
            while true {
                let batch = try connection.execute(
                    PostgresQuery(unsafeSQL: "FETCH \(max(batchSize, 1)) FROM \(cursor)"))
                if batch.isEmpty { break }
                try body(batch)
            }
            try connection.execute(PostgresQuery(unsafeSQL: "CLOSE \(cursor)"))
        }
    }
}
