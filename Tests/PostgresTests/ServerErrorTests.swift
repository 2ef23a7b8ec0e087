import Postgres
import TestSupport
import Testing

@Suite struct ServerErrorTests {
    let connection: Connection

    init() throws {
        connection = try TestDatabase.create().connect()
        try connection.execute("CREATE TABLE participant (email text CONSTRAINT participant_email_key UNIQUE)")
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraint() throws {
        try connection.execute("INSERT INTO participant VALUES (\("a@exemple.fr"))")
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("INSERT INTO participant VALUES (\("a@exemple.fr"))")
        }
        #expect(error?.kind == .server)
        #expect(error?.sqlState == .uniqueViolation)
        #expect(error?.constraint == "participant_email_key")
        #expect(error?.table == "participant")
        #expect(error?.isUniqueViolation(constraint: "participant_email_key") == true)
        #expect(error?.isUniqueViolation(constraint: "other") == false)
        #expect(error?.statement == "INSERT INTO participant VALUES ($1)")
        if case SQLState.Class.integrityConstraintViolation = error!.sqlState! {
        } else {
            Issue.record("23505 is in class 23")
        }
    }

    @Test func descriptionKeepsBoundValuesOut() throws {
        let secret = "very-secret-value"
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("SELECT \(secret)::int")
        }
        #expect(error?.sqlState == .invalidTextRepresentation)
        // The server quotes the value in its message; the description leaves the message out.
        #expect(error?.message == "invalid input syntax for type integer: \"very-secret-value\"")
        #expect(error?.description == "PostgreSQL server error 22P02 in: SELECT $1::int")
        #expect(
            error?.debugDescription.contains("message: invalid input syntax for type integer: \"very-secret-value\"")
                == true)
    }

    @Test func syntaxErrorHasAPosition() throws {
        let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT FROM WHERE") }
        #expect(error?.sqlState == .syntaxError)
        #expect(error?.position == 13)
    }

    @Test func theConnectionStaysUsableAfterAnError() throws {
        _ = try? connection.execute("SELECT 1/0")
        #expect(try connection.execute("SELECT 2")[0].decode(Int.self, at: 0) == 2)
    }
}
