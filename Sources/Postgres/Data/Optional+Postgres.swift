extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: TypeOID { Wrapped.postgresType }

    public var postgresBind: PostgresBind {
        switch self {
        case .some(let value): value.postgresBind
        case .none: .null(Wrapped.postgresType)
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func accepts(_ type: TypeOID) -> Bool { Wrapped.accepts(type) }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure)
        -> Wrapped?
    {
        try Wrapped.decode(text: text, type: type)
    }

    public static func decodeNull() -> Wrapped? { nil }
}
