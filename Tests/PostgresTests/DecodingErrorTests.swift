import Postgres
import TestSupport
import Testing

@Suite struct DecodingErrorTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase.create().connect()
    }

    @Test func missingColumnIsNamed() throws {
        let row = try connection.execute("SELECT 1 AS one")[0]
        let error = #expect(throws: RowDecodingError.self) { try row.decode(Int.self, "two") }
        #expect(error?.reason == .missingColumn)
        #expect(error?.description == "there is no column 'two', in: SELECT 1 AS one")
    }

    @Test func otherTypeIsNamed() throws {
        let row = try connection.execute("SELECT 'x'::text AS word")[0]
        let error = #expect(throws: RowDecodingError.self) { try row.decode(Int.self, "word") }
        #expect(error?.reason == .typeMismatch)
        #expect(
            error?.description
                == "column 'word' at index 0 of type text cannot be decoded as Int, in: SELECT 'x'::text AS word")
    }

    @Test func nullIntoNonOptionalIsNamed() throws {
        let row = try connection.execute("SELECT NULL::int AS n")[0]
        let error = #expect(throws: RowDecodingError.self) { try row.decode(Int.self, "n") }
        #expect(error?.reason == .unexpectedNull)
    }

    @Test func tooLargeIntegerIsMalformed() throws {
        let row = try connection.execute("SELECT 3000000000::bigint AS big")[0]
        let error = #expect(throws: RowDecodingError.self) { try row.decode(Int32.self, "big") }
        #expect(error?.reason == .malformed("3000000000 does not fit in Int32"))
    }
}

/// A closed set of words stored as text, as the domain's statuses are.
enum Colour: String, PostgresCodable, PostgresArrayElement {
    case red, green
}

@Suite struct RawRepresentableTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase.create().connect()
    }

    @Test func bindsAndDecodesItsRawValue() throws {
        let row = try connection.execute("SELECT \(Colour.green) AS one, \([Colour.red, .green]) AS many")[0]
        #expect(try row.decode(Colour.self, "one") == .green)
        #expect(try row.decode([Colour].self, "many") == [.red, .green])
        #expect(try row.decode(Colour?.self, "one") == .green)
    }

    @Test func unknownValueNamesTheColumn() throws {
        let row = try connection.execute("SELECT 'blue'::text AS colour")[0]
        let error = #expect(throws: RowDecodingError.self) { try row.decode(Colour.self, "colour") }
        #expect(error?.reason == .malformed("'blue' is not a value of Colour"))
        #expect(error?.column == "colour")
    }
}
