/// A PostgreSQL type identifier, as `pg_type.oid` and libpq's `PQftype` give it. Built-in types have
/// fixed OIDs; types created in the database (enums, domains, `citext`) get one at creation.
public struct TypeOID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let unspecified = TypeOID(rawValue: 0)
    public static let bool = TypeOID(rawValue: 16)
    public static let bytea = TypeOID(rawValue: 17)
    public static let char = TypeOID(rawValue: 18)
    public static let name = TypeOID(rawValue: 19)
    public static let int8 = TypeOID(rawValue: 20)
    public static let int2 = TypeOID(rawValue: 21)
    public static let int4 = TypeOID(rawValue: 23)
    public static let text = TypeOID(rawValue: 25)
    public static let oid = TypeOID(rawValue: 26)
    public static let json = TypeOID(rawValue: 114)
    public static let unknown = TypeOID(rawValue: 705)
    public static let boolArray = TypeOID(rawValue: 1000)
    public static let int2Array = TypeOID(rawValue: 1005)
    public static let int4Array = TypeOID(rawValue: 1007)
    public static let textArray = TypeOID(rawValue: 1009)
    public static let varcharArray = TypeOID(rawValue: 1015)
    public static let int8Array = TypeOID(rawValue: 1016)
    public static let bpchar = TypeOID(rawValue: 1042)
    public static let varchar = TypeOID(rawValue: 1043)
    public static let date = TypeOID(rawValue: 1082)
    public static let timestamp = TypeOID(rawValue: 1114)
    public static let timestamptz = TypeOID(rawValue: 1184)
    public static let jsonb = TypeOID(rawValue: 3802)

    /// The first OID PostgreSQL gives to objects created after `initdb` (`FirstNormalObjectId`).
    static let firstUserDefined: UInt32 = 16384

    /// Whether the type was created in the database: an enum, a domain or an extension's type.
    public var isUserDefined: Bool { rawValue >= Self.firstUserDefined }

    public var description: String {
        Self.names[self] ?? (isUserDefined ? "user-defined type \(rawValue)" : "type \(rawValue)")
    }

    private static let names: [TypeOID: String] = [
        .bool: "boolean", .bytea: "bytea", .char: "\"char\"", .name: "name", .int8: "bigint",
        .int2: "smallint", .int4: "integer", .text: "text", .oid: "oid", .json: "json",
        .unknown: "unknown", .boolArray: "boolean[]", .int2Array: "smallint[]",
        .int4Array: "integer[]", .textArray: "text[]", .varcharArray: "varchar[]",
        .int8Array: "bigint[]", .bpchar: "character", .varchar: "varchar", .date: "date",
        .timestamp: "timestamp", .timestamptz: "timestamptz", .jsonb: "jsonb",
    ]
}
