import Postgres
import TestSupport
import Testing

@Suite struct TransactionTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase.create().connect()
        try connection.execute("CREATE TABLE t (n int)")
    }

    struct Refusal: Error {}

    func count() throws -> Int { try connection.execute("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) }

    @Test func commitsWhenTheBodyReturns() throws {
        let value = try connection.transaction { c in
            try c.execute("INSERT INTO t VALUES (1)")
            return "done"
        }
        #expect(value == "done")
        #expect(try count() == 1)
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        #expect(throws: Refusal.self) {
            try connection.transaction { c in
                try c.execute("INSERT INTO t VALUES (1)")
                throw Refusal()
            }
        }
        #expect(try count() == 0)
    }

    @Test func rollsBackWhenAStatementFails() throws {
        #expect(throws: PostgresError.self) {
            try connection.transaction { c in
                try c.execute("INSERT INTO t VALUES (1)")
                try c.execute("INSERT INTO t VALUES ('not a number')")
            }
        }
        #expect(try count() == 0)
    }

    @Test func nestedTransactionIsASavepoint() throws {
        try connection.transaction { c in
            try c.execute("INSERT INTO t VALUES (1)")
            _ = try? c.transaction { inner in
                try inner.execute("INSERT INTO t VALUES (2)")
                throw Refusal()
            }
            _ = try c.transaction { inner in try inner.execute("INSERT INTO t VALUES (3)") }
        }
        #expect(try connection.execute("SELECT array_agg(n ORDER BY n) FROM t")[0].decode([Int].self, at: 0) == [1, 3])
    }

    @Test func isolationLevelIsApplied() throws {
        let level = try connection.transaction(isolation: .serializable) { c in
            try c.execute("SHOW transaction_isolation")[0].decode(String.self, at: 0)
        }
        #expect(level == "serializable")
    }
}
