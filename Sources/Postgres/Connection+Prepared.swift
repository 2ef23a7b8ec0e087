import CLibPQ

/// Statements prepared once per session. PostgreSQL plans an unnamed statement at every
/// execution: for a page's seven-table join, planning took ten times as long as running it.
/// A named statement is planned at its first executions and its plan kept (the server's
/// `plan_cache_mode` decides when a generic plan serves).
extension Connection {
    struct PreparedKey: Hashable {
        let sql: String
        let types: [UInt32]
    }

    /// More distinct statements than this run unprepared: a session's prepared statements live
    /// as long as it does, and a connection that prepares is meant for a few.
    public static let preparedLimit = 256

    /// The name of `query`'s statement on the server, prepared now if it is new; `nil` past the
    /// limit, for a statement to run unprepared.
    func preparedName(for query: PostgresQuery) throws(PostgresError) -> String? {
        let key = PreparedKey(sql: query.sql, types: query.binds.map(\.type.rawValue))
        if let known = preparedNames[key] { return known }
        guard preparedNames.count < Self.preparedLimit else { return nil }
        let name = "atelier_\(preparedNames.count + 1)"
        _ = try check(PQprepare(handle, name, query.sql, Int32(key.types.count), key.types), statement: query.sql)
        preparedNames[key] = name
        return name
    }
}
