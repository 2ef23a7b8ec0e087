extension Bool: PostgresCodable {
    public static var postgresType: TypeOID { .bool }

    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, text: self ? "t" : "f") }

    public static func accepts(_ type: TypeOID) -> Bool { type == .bool }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Bool {
        switch text.first {
        case UInt8(ascii: "t"): true
        case UInt8(ascii: "f"): false
        default: throw .malformed("'\(text.string)' is not a boolean")
        }
    }
}
