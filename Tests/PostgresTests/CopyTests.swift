import Postgres
import TestSupport
import Testing

/// `COPY FROM STDIN` through `copyIn`: every text arrives as written, in more rows than one
/// buffer holds; a body that throws leaves nothing and the connection usable.
@Suite struct CopyTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create()
        connection = try database.connect()
        try connection.execute("CREATE TABLE t (n integer, a text, b text)")
    }

    @Test func rowsArriveAsWritten() throws {
        let awkward = ["tab\there", "line\nbreak", "back\\slash", "\\N", "retour\r", "Émilie « Lœuvre »", "", "美咲"]
        let copied = try connection.copyIn("COPY t FROM STDIN") { rows in
            for n in 0..<50_000 {
                try rows.append([String(n), awkward[n % awkward.count], n % 3 == 0 ? nil : "x\(n)"])
            }
        }
        #expect(copied == 50_000)
        let back = try connection.execute("SELECT n, a, b FROM t WHERE n < 16 ORDER BY n").map {
            try $0.decode((Int, String, String?).self)
        }
        for (n, a, b) in back {
            #expect(a == awkward[n % awkward.count])
            #expect(b == (n % 3 == 0 ? nil : "x\(n)"))
        }
        #expect(try connection.execute("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 50_000)
    }

    @Test func aBodyThatThrowsCopiesNothing() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY t FROM STDIN") { rows in
                for n in 0..<20_000 { try rows.append([String(n), "a", "b"]) }
                throw Stop()
            }
        }
        #expect(try connection.execute("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 0)
    }

    @Test func aBadRowIsTheServersError() throws {
        #expect(throws: PostgresError.self) {
            try connection.copyIn("COPY t FROM STDIN") { rows in try rows.append(["not a number", "a", "b"]) }
        }
        #expect(try connection.execute("SELECT 1")[0].decode(Int.self, at: 0) == 1)
    }
}
