/// A Swift value that can be bound as a query parameter.
public protocol PostgresEncodable {
    /// The PostgreSQL type the value is sent as, known without a value so that `NULL` is typed
    /// too (`$1 IS NULL OR col = $1` needs it).
    static var postgresType: TypeOID { get }

    /// The bind for this value; `Optional.none` gives `NULL` of the wrapped type.
    var postgresBind: PostgresBind { get }
}

/// A Swift value that can be read from a result column (PostgreSQL's text format).
public protocol PostgresDecodable {
    /// Whether a column of this PostgreSQL type may be decoded as `Self`.
    static func accepts(_ type: TypeOID) -> Bool

    /// Decodes the text form of a non-null value. The bytes are only valid during the call.
    static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Self

    /// The value for SQL `NULL`: an error for every type but `Optional`.
    static func decodeNull() throws(PostgresDecodingFailure) -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self { throw .unexpectedNull }
}

public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

/// Why one value could not be decoded; `RowDecodingError` adds where.
public enum PostgresDecodingFailure: Error, Sendable, Equatable {
    case unexpectedNull
    case malformed(String)
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes as a Swift string (PostgreSQL sends UTF-8: the connection asks for it).
    var string: String { String(decoding: self, as: UTF8.self) }
}
