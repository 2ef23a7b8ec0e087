import Postgres

/// Which part of a long list to read: the items after a given one, in the list's own order, at
/// most `limit` of them. Keyset paging: each list's query compares its sort key with the key of
/// the item named by `after`, so that the thousandth page costs what the first does (`OFFSET`
/// would read and drop every row before it).
public struct ListPage: Sendable, Hashable {
    /// What names the item the page starts after: an email, a session's code.
    public var after: String?
    /// At most this many items; `nil` for all of them.
    public var limit: Int?

    public static let all = ListPage()

    public init(after: String? = nil, limit: Int? = nil) {
        self.after = after
        self.limit = limit
    }

    /// The rows a query asks for: one more than the page shows, to know whether more follow.
    var fetchLimit: Int? { limit.map { $0 == Int.max ? $0 : $0 + 1 } }
}

/// How a streamed list ended.
public enum ListEnd: Sendable, Hashable {
    /// Nothing more follows.
    case complete
    /// The page is full and more items follow, after the one this key names.
    case more(after: String)
}

extension Store {
    /// Streams the items of `query` (which ends with `LIMIT \(page.fetchLimit)`) to `body` in
    /// batches, through a server-side cursor: a list of any length takes the memory of one batch.
    /// `decode` reads a batch's rows (and may query more for them: the cursor stays open).
    /// Stops at `page.limit` items and says whether more followed.
    func stream<Item>(
        _ query: PostgresQuery, _ page: ListPage, key: (Item) -> String, decode: (QueryResult) throws -> [Item],
        _ body: ([Item]) throws -> Void
    ) throws -> ListEnd {
        var delivered = 0
        var last: Item?
        var more = false
        try connection.forEachBatch(query) { rows in
            var items = try decode(rows)
            if let limit = page.limit, delivered + items.count > limit {
                items.removeLast(delivered + items.count - limit)
                more = true
            }
            delivered += items.count
            if let item = items.last { last = item }
            if !items.isEmpty { try body(items) }
        }
        guard more, let last else { return .complete }
        return .more(after: key(last))
    }

    /// The items of `query` read with one statement: for a list known to be short (a session by
    /// its code, one session's registrations), which a cursor would cost five more round trips.
    func read<Item>(_ query: PostgresQuery, decode: (QueryResult) throws -> [Item]) throws -> [Item] {
        try decode(connection.execute(query))
    }
}
