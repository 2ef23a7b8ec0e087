/// One bound parameter, ready for `PQexecParams`: its type, its wire format and its bytes
/// (`nil` for SQL `NULL`). Text-format values are UTF-8 without a terminating zero.
public struct PostgresBind: Sendable, Hashable {
    public enum Format: Int32, Sendable {
        case text = 0
        case binary = 1
    }

    public var type: TypeOID
    public var format: Format
    public var bytes: [UInt8]?

    public init(type: TypeOID, format: Format = .text, bytes: [UInt8]?) {
        self.type = type
        self.format = format
        self.bytes = bytes
    }

    public init(type: TypeOID, text: String) {
        self.init(type: type, bytes: Array(text.utf8))
    }

    public static func null(_ type: TypeOID) -> PostgresBind { PostgresBind(type: type, bytes: nil) }
}
