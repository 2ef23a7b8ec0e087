import Foundation

extension Data: PostgresCodable {
    public static var postgresType: TypeOID { .bytea }

    /// Bound in binary format: the bytes go as they are, with no escaping.
    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, format: .binary, bytes: [UInt8](self)) }

    public static func accepts(_ type: TypeOID) -> Bool { type == .bytea }

    /// The text form of `bytea` is hex: `\x` then two digits per byte (`bytea_output = hex`,
    /// the default since PostgreSQL 9.0).
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Data {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw .malformed("bytea is not in hex format (set bytea_output = hex)")
        }
        var data = Data(capacity: (text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else {
                throw .malformed("bytea has a character that is not a hex digit")
            }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
