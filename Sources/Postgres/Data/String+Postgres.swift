extension String: PostgresCodable {
    public static var postgresType: TypeOID { .text }

    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, text: self) }

    /// Text types, and types created in the database (enums, domains over text, `citext`),
    /// whose text form is what a caller wants.
    public static func accepts(_ type: TypeOID) -> Bool {
        [.text, .varchar, .bpchar, .name, .char, .unknown].contains(type) || type.isUserDefined
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) -> String {
        text.string
    }
}
