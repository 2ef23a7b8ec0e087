import Foundation
import Postgres
import TestSupport
import Testing

/// Every supported type goes to the server as a parameter and comes back as a column.
@Suite struct RoundTripTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase.create().connect()
    }

    func roundTrip<T: PostgresCodable>(_ value: T, as cast: String) throws -> T {
        try connection.execute("SELECT \(value)::\(unescaped: cast) AS v")[0].decode(T.self, "v")
    }

    @Test func integers() throws {
        #expect(try roundTrip(Int.max, as: "bigint") == Int.max)
        #expect(try roundTrip(Int64.min, as: "bigint") == Int64.min)
        #expect(try roundTrip(Int32.min, as: "integer") == Int32.min)
        #expect(try roundTrip(Int16(-42), as: "smallint") == -42)
        #expect(try connection.execute("SELECT 7::smallint")[0].decode(Int.self, at: 0) == 7)
    }

    @Test func booleans() throws {
        #expect(try roundTrip(true, as: "boolean") == true)
        #expect(try roundTrip(false, as: "boolean") == false)
    }

    @Test func frenchText() throws {
        let text = "Émilie Lœuvre, « accompagnatrice » à l’Œuvre\u{00A0}: 3\u{202F}600,00\u{00A0}€ — ça marche"
        #expect(try roundTrip(text, as: "text") == text)
        #expect(try connection.execute("SELECT length(\(text))")[0].decode(Int.self, at: 0) == text.count)
    }

    @Test func sqlLookingTextIsStoredVerbatim() throws {
        try connection.execute("CREATE TABLE x (note text)")
        let hostile = "'); DROP TABLE x; --"
        try connection.execute("INSERT INTO x VALUES (\(hostile))")
        #expect(try connection.execute("SELECT note FROM x")[0].decode(String.self, "note") == hostile)
        #expect(try connection.execute("SELECT count(*) FROM x")[0].decode(Int.self, at: 0) == 1)
    }

    @Test func bytesIncludingZeros() throws {
        let bytes = Data([0, 1, 2, 0xFF, 0, 0x5C, 0x78])
        #expect(try roundTrip(bytes, as: "bytea") == bytes)
        #expect(try roundTrip(Data(), as: "bytea") == Data())
    }

    @Test func timestampsAcrossTheSpringDSTChangeInParis() throws {
        try connection.execute("SET TimeZone = 'Europe/Paris'")
        // 2027-03-28: clocks go from 02:00 to 03:00 in Paris. 00:30 and 01:30 UTC are one hour
        // apart but read 01:30+01 and 03:30+02 in Paris.
        let before = Date(timeIntervalSince1970: 1_806_193_800)  // 2027-03-28T00:30:00Z
        let after = before.addingTimeInterval(3600)
        let rows = try connection.execute("SELECT \(before) AS a, \(after) AS b, \(after)::text AS shown")
        #expect(try rows[0].decode(Date.self, "a") == before)
        #expect(try rows[0].decode(Date.self, "b") == after)
        #expect(try rows[0].decode(String.self, "shown") == "2027-03-28 03:30:00+02")
    }

    @Test func timestampsKeepMicrosecondsAndOldDates() throws {
        let precise = Date(timeIntervalSince1970: 1_806_193_800.123456)
        let decoded = try roundTrip(precise, as: "timestamptz")
        #expect(abs(decoded.timeIntervalSince1970 - precise.timeIntervalSince1970) < 0.000_001)
        let old = Date(timeIntervalSince1970: -86_400 * 365 * 30 - 0.25)
        #expect(try roundTrip(old, as: "timestamptz") == old)
    }

    @Test func nullsDecodeAsNilAndBindTyped() throws {
        let missing: Int? = nil
        let row = try connection.execute("SELECT \(missing) AS n, pg_typeof(\(missing))::text AS t")[0]
        #expect(try row.decode(Int?.self, "n") == nil)
        #expect(try row.decode(String.self, "t") == "bigint")
        #expect(try roundTrip(Optional("x"), as: "text") == "x")
    }

    @Test func jsonIntoCodable() throws {
        struct Payload: Codable, Equatable {
            var registration: Int
            var email: String
            var tags: [String]
        }
        let payload = Payload(registration: 42, email: "émile@exemple.fr", tags: ["J-7", "« convocation »"])
        #expect(try roundTrip(JSON(payload), as: "jsonb").value == payload)
        let field = try connection.execute("SELECT \(JSON(payload))->>'email' AS e")[0].decode(String.self, "e")
        #expect(field == payload.email)
    }

    @Test func arraysOfTextAndIntegers() throws {
        let texts = ["a", "b c", "with \"quotes\"", "back\\slash", "NULL", "", "{braces}, comma"]
        #expect(try roundTrip(texts, as: "text[]") == texts)
        #expect(try roundTrip([1, -2, 3_000_000_000], as: "bigint[]") == [1, -2, 3_000_000_000])
        #expect(try roundTrip([String](), as: "text[]") == [])
        #expect(try connection.execute("SELECT ARRAY[1,2]::int[]")[0].decode([Int].self, at: 0) == [1, 2])
    }

    @Test func tuplesDecodeByPosition() throws {
        let row = try connection.execute("SELECT 1::int, 'un'::text, true")[0]
        let (number, word, flag) = try row.decode((Int, String, Bool).self)
        #expect(number == 1 && word == "un" && flag)
    }

    @Test func affectedRowsAreCounted() throws {
        try connection.execute("CREATE TABLE y (n int)")
        let inserted = try connection.execute("INSERT INTO y SELECT generate_series(1, 5)")
        #expect(inserted.affectedRows == 5)
        #expect(try connection.execute("DELETE FROM y WHERE n > \(3)").affectedRows == 2)
    }
}
