/// The integer types decode from any PostgreSQL integer column whose values they can hold.
public protocol PostgresInteger: FixedWidthInteger, PostgresCodable {}

extension PostgresInteger {
    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, text: String(self)) }

    public static func accepts(_ type: TypeOID) -> Bool {
        type == .int2 || type == .int4 || type == .int8 || type == .oid
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Self {
        // Parsing the bytes in place: this runs for every integer of every row.
        var value: Self = 0
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < text.count else { throw .malformed("empty integer") }
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .malformed("'\(text.string)' is not an integer") }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) =
                negative
                ? times10.subtractingReportingOverflow(Self(digit))
                : times10.addingReportingOverflow(Self(digit))
            guard !o1, !o2 else { throw .malformed("\(text.string) does not fit in \(Self.self)") }
            value = next
            index += 1
        }
        return value
    }
}

extension Int: PostgresInteger { public static var postgresType: TypeOID { .int8 } }
extension Int64: PostgresInteger { public static var postgresType: TypeOID { .int8 } }
extension Int32: PostgresInteger { public static var postgresType: TypeOID { .int4 } }
extension Int16: PostgresInteger { public static var postgresType: TypeOID { .int2 } }
