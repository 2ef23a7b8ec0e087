import Postgres

/// A calendar day is a PostgreSQL `date`, in its ISO form both ways (as long as `DateStyle` is
/// ISO, the default, as for `Date`).
extension LocalDate: PostgresCodable {
    public static var postgresType: TypeOID { .date }

    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, text: description) }

    public static func accepts(_ type: TypeOID) -> Bool { type == .date }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure)
        -> LocalDate
    {
        let value = String(decoding: text, as: UTF8.self)
        do {
            return try LocalDate(parsing: value)
        } catch {
            throw .malformed("'\(value)' is not a date of \(LocalDate.years)")
        }
    }
}
