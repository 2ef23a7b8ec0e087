/// Enumerations stored as their raw value: declare `extension Status: PostgresCodable {}` and
/// bind or decode the value itself. A stored value that names no case is a `RowDecodingError`
/// naming the column, never a crash.
extension PostgresEncodable where Self: RawRepresentable, RawValue: PostgresEncodable {
    public static var postgresType: TypeOID { RawValue.postgresType }

    public var postgresBind: PostgresBind { rawValue.postgresBind }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    public static func accepts(_ type: TypeOID) -> Bool { RawValue.accepts(type) }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Self {
        let raw = try RawValue.decode(text: text, type: type)
        guard let value = Self(rawValue: raw) else { throw .malformed("'\(raw)' is not a value of \(Self.self)") }
        return value
    }
}

extension PostgresArrayElement where Self: RawRepresentable, RawValue: PostgresArrayElement {
    public static var postgresArrayType: TypeOID { RawValue.postgresArrayType }
}
