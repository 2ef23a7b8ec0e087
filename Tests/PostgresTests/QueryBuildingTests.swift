import Foundation
import Postgres
import Testing

/// The parts that need no server: SQL building, SQLSTATE classes, text decoding.
@Suite struct QueryBuildingTests {
    @Test func interpolationBindsValuesAndNumbersPlaceholders() {
        let email = "x@exemple.fr"
        let query: PostgresQuery =
            "SELECT * FROM participant WHERE email = \(email) AND id > \(3) ORDER BY \(unescaped: "name")"
        #expect(query.sql == "SELECT * FROM participant WHERE email = $1 AND id > $2 ORDER BY name")
        #expect(
            query.binds == [
                PostgresBind(type: .text, text: "x@exemple.fr"),
                PostgresBind(type: .int8, text: "3"),
            ])
        #expect(query.description.contains(email) == false)
    }

    @Test func sqlStateClassesMatchTheirMembers() {
        #expect(SQLState.uniqueViolation.class == .integrityConstraintViolation)
        #expect(SQLState.Class.integrityConstraintViolation ~= .exclusionViolation)
        #expect(!(SQLState.Class.integrityConstraintViolation ~= .serializationFailure))
        #expect(SQLState(rawValue: "40P01") == .deadlockDetected)
    }

    @Test func datesEncodeInUTCWithMicroseconds() {
        let date = Date(timeIntervalSince1970: 1_806_193_800.5)
        #expect(date.postgresBind == PostgresBind(type: .timestamptz, text: "2027-03-28 00:30:00.500000+00"))
        let beforeEpoch = Date(timeIntervalSince1970: -1.25)
        #expect(beforeEpoch.postgresBind == PostgresBind(type: .timestamptz, text: "1969-12-31 23:59:58.750000+00"))
    }

    @Test func datesDecodeWithAnyOffset() throws {
        func decode(_ text: String) throws -> Date {
            try Array(text.utf8).withUnsafeBufferPointer { try Date.decode(text: $0, type: .timestamptz) }
        }
        #expect(try decode("2027-03-28 03:30:00+02") == Date(timeIntervalSince1970: 1_806_197_400))
        #expect(try decode("2027-03-28 01:30:00.25+00") == Date(timeIntervalSince1970: 1_806_197_400.25))
        #expect(try decode("2027-03-28 07:00:00+05:30") == Date(timeIntervalSince1970: 1_806_197_400))
        #expect(throws: PostgresDecodingFailure.self) { try decode("infinity") }
    }
}
