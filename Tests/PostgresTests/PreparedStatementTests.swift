import Postgres
import TestSupport
import Testing

/// A connection that `preparesStatements` answers as any other, prepares each statement once
/// per session, and forgets them with the session.
@Suite struct PreparedStatementTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create()
        connection = try database.connect()
        connection.preparesStatements = true
    }

    func prepared() throws -> [String] {
        try connection.execute("SELECT statement FROM pg_prepared_statements ORDER BY name").map {
            try $0.decode(String.self, at: 0)
        }
    }

    @Test func aStatementIsPreparedOnceAndAnswersWithEachBind() throws {
        for value in [1, 2, 3] {
            #expect(try connection.execute("SELECT \(value) * 10")[0].decode(Int.self, at: 0) == value * 10)
        }
        #expect(try connection.execute("SELECT \("texte") || '!'")[0].decode(String.self, at: 0) == "texte!")
        let statements = try prepared()
        #expect(statements.filter { $0 == "SELECT $1 * 10" }.count == 1)
        #expect(statements.contains("SELECT $1 || '!'"))
    }

    @Test func transactionsAndFailuresWorkAsUnprepared() throws {
        try connection.execute("CREATE TABLE note (id int PRIMARY KEY)")
        try connection.transaction { try $0.execute("INSERT INTO note VALUES (\(1))") }
        #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO note VALUES (\(2))")
                try connection.execute("INSERT INTO note VALUES (\(1))")
            }
        }
        #expect(try connection.execute("SELECT count(*) FROM note")[0].decode(Int.self, at: 0) == 1)
        let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM nowhere") }
        #expect(error?.message.contains("nowhere") == true)
        #expect(try connection.execute("SELECT 1")[0].decode(Int.self, at: 0) == 1)
    }

    @Test func aNewSessionPreparesAgain() throws {
        #expect(try connection.execute("SELECT \(5) + 1")[0].decode(Int.self, at: 0) == 6)
        try connection.reconnect()
        #expect(try connection.execute("SELECT \(5) + 1")[0].decode(Int.self, at: 0) == 6)
        #expect(try prepared().contains("SELECT $1 + 1"))
    }

    @Test func pastTheLimitStatementsRunUnprepared() throws {
        for number in 1...(Connection.preparedLimit + 10) {
            let answer = try connection.execute("SELECT \(unescaped: String(number)) + \(0)")[0].decode(Int.self, at: 0)
            #expect(answer == number)
        }
        #expect(try prepared().count == Connection.preparedLimit)
    }
}
